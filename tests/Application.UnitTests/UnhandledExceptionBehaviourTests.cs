using Mediator;
using MentorCloud.Application.Common.Behaviours;
using MentorCloud.Application.Common.Tenancy;
using Microsoft.Extensions.Logging;

namespace MentorCloud.Application.UnitTests;

public sealed class UnhandledExceptionBehaviourTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_outage_found_by_this_request_is_logged_and_a_known_one_is_not()
    {
        var found = new DatabaseUnavailableException("down", TimeSpan.FromSeconds(30), new TimeoutException("no answer"));
        var known = DatabaseUnavailableException.Known("down", TimeSpan.FromSeconds(30));

        (await LoggedAsync(found)).ShouldBe([found]);
        (await LoggedAsync(known)).ShouldBeEmpty();
        known.KnownOutage.ShouldBeTrue();
        found.KnownOutage.ShouldBeFalse();
    }

    [Fact]
    public async Task An_unexpected_failure_is_logged_and_rethrown()
    {
        var failure = new InvalidOperationException("bug");

        (await LoggedAsync(failure)).ShouldBe([failure]);
    }

    private static async Task<List<Exception>> LoggedAsync(Exception failure)
    {
        var logger = new RecordingLogger();
        var behaviour = new UnhandledExceptionBehaviour<SchoolQuery, string>(logger);
        MessageHandlerDelegate<SchoolQuery, string> next = (_, _) => throw failure;

        (await Should.ThrowAsync<Exception>(async () => await behaviour.Handle(new SchoolQuery(), next, Ct))).ShouldBeSameAs(failure);
        return logger.Errors;
    }

    private sealed class RecordingLogger : ILogger<SchoolQuery>
    {
        public List<Exception> Errors { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null) Errors.Add(exception);
        }
    }
}
