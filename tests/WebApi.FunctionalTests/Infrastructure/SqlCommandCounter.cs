using System.Diagnostics;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MentorCloud.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// Counts the SQL statements the school's context runs for the requests a test sends while the counter is open. EF Core
/// reports every executed command on its diagnostic listener; the test server keeps the test's execution context, so
/// only the statements of this test's requests are counted, whatever other tests run meanwhile.
/// </summary>
public sealed class SqlCommandCounter : IDisposable
{
    private static readonly AsyncLocal<SqlCommandCounter?> Current = new();
    private static readonly Lazy<IDisposable> Subscription = new(() => DiagnosticListener.AllListeners.Subscribe(new Listeners()));
    private readonly List<string> _commands = [];

    public IReadOnlyList<string> Commands { get { lock (_commands) return [.. _commands]; } }

    /// <summary>Clients created after this carry the test's execution context into the server; call it before creating them.</summary>
    public static void Prepare(MentorCloudFactory factory)
    {
        _ = Subscription.Value;
        factory.Server.PreserveExecutionContext = true;
    }

    /// <summary>Starts counting the statements of requests sent from here on, by clients created after <see cref="Prepare"/>.</summary>
    public static SqlCommandCounter Start()
    {
        var counter = new SqlCommandCounter();
        Current.Value = counter;
        return counter;
    }

    public void Dispose() => Current.Value = null;

    private sealed class Listeners : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name) listener.Subscribe(new CommandObserver());
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }

    private sealed class CommandObserver : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key != RelationalEventId.CommandExecuted.Name || Current.Value is not { } counter) return;
            if (value.Value is CommandExecutedEventData { Context: ApplicationDbContext } executed)
                lock (counter._commands) counter._commands.Add(executed.Command.CommandText);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}
