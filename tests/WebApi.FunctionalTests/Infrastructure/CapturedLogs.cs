using Serilog.Core;
using Serilog.Events;

namespace MentorCloud.WebApi.FunctionalTests.Infrastructure;

/// <summary>Every log event the app writes, for tests that check what reaches the logs and what never does.</summary>
public sealed class CapturedLogs : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    public IReadOnlyList<LogEvent> Events
    {
        get { lock (_events) return [.. _events]; }
    }

    /// <summary>Each event as one text: message, property values and exception.</summary>
    public IReadOnlyList<string> Texts => Events.Select(e => e.RenderMessage() + " " + string.Join(" ", e.Properties.Values) + " " + e.Exception).ToList();

    public void Emit(LogEvent logEvent)
    {
        lock (_events) _events.Add(logEvent);
    }
}

/// <summary>
/// Tests that read the process-wide output: the app's Serilog logger is the static one (the host started last writes to
/// its sinks; a host that stops silences it) and standard error is one per process. They run while no other host starts
/// or stops and nothing else swaps standard error.
/// </summary>
[CollectionDefinition(nameof(ProcessWideOutput), DisableParallelization = true)]
public sealed class ProcessWideOutput;
