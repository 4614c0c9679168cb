using System.Globalization;
using System.Text;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>
/// The log's console when the console is redirected (a container's log driver, a file): events go to Serilog's batching
/// queue, and a background worker writes each batch to standard output as UTF-8 in one write, at most 100 ms after the
/// first of them was logged. A request only hands its line over: it neither takes the console's lock nor makes a write
/// of its own (the console's own writer writes every 256 characters). A terminal keeps Serilog's coloured console sink.
/// Events still queued are written when the host stops.
/// </summary>
public sealed class BatchedConsoleSink : IBatchedLogEventSink, IDisposable
{
    /// <summary>The console sink's default line: time, level, message, exception.</summary>
    public const string OutputTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <summary>A batch at most every 100 ms, of at most 1,000 events.</summary>
    public static BatchingOptions Batching => new() { BufferingTimeLimit = TimeSpan.FromMilliseconds(100), BatchSizeLimit = 1000 };

    private readonly ITextFormatter _formatter;
    private readonly Stream _output;
    private readonly MemoryStream _batch = new();
    private readonly StreamWriter _text;

    public BatchedConsoleSink(ITextFormatter formatter, Stream output)
    {
        _formatter = formatter;
        _output = output;
        _text = new StreamWriter(_batch, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
    }

    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        _batch.SetLength(0);
        foreach (var logEvent in batch) _formatter.Format(logEvent, _text);
        _text.Flush();
        _output.Write(_batch.GetBuffer(), 0, (int)_batch.Length);
        _output.Flush();
        return Task.CompletedTask;
    }

    public Task OnEmptyBatchAsync() => Task.CompletedTask;

    /// <summary>The output is the caller's (standard output outlives the logger).</summary>
    public void Dispose() => _text.Dispose();
}

public static class ConsoleLogging
{
    /// <summary>Standard output, written in batches when it is redirected and by Serilog's console sink on a terminal.</summary>
    public static LoggerConfiguration StandardOutput(this LoggerSinkConfiguration sinks, bool redirected) =>
        redirected
            ? sinks.Sink(new BatchedConsoleSink(new MessageTemplateTextFormatter(BatchedConsoleSink.OutputTemplate, CultureInfo.InvariantCulture), System.Console.OpenStandardOutput()),
                BatchedConsoleSink.Batching)
            : sinks.Console(outputTemplate: BatchedConsoleSink.OutputTemplate, formatProvider: CultureInfo.InvariantCulture);
}
