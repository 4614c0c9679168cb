using Mediator;
using MentorCloud.Application.Common.Behaviours;
using MentorCloud.Application.Common.Interfaces;

namespace MentorCloud.Application.UnitTests;

public sealed class IdempotencyBehaviourTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly CreateNoteCommand Command = new(Guid.CreateVersion7(), "按时完成作业");

    private sealed class FakeStore : IIdempotencyStore
    {
        public Dictionary<string, (string Hash, string? Response)> Keys { get; } = [];
        public List<Guid> Released { get; } = [];
        public Guid LastReservation { get; private set; }

        public ValueTask<IdempotencyReservation> ReserveAsync(string key, string requestName, string requestHash, CancellationToken cancellationToken)
        {
            LastReservation = Guid.CreateVersion7();
            if (Keys.TryGetValue(key, out var first) && first.Response is { } stored) return ValueTask.FromResult(new IdempotencyReservation(LastReservation, stored));
            Keys[key] = (requestHash, null);
            return ValueTask.FromResult(new IdempotencyReservation(LastReservation, null));
        }

        public ValueTask CompleteAsync(Guid reservationId, string response, CancellationToken cancellationToken)
        {
            var key = Keys.Single().Key;
            Keys[key] = (Keys[key].Hash, response);
            return ValueTask.CompletedTask;
        }

        public ValueTask ReleaseAsync(Guid reservationId, CancellationToken cancellationToken)
        {
            Released.Add(reservationId);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The pipeline as registered: the reservation outside the unit of work, the answer stored inside it.</summary>
    private static ValueTask<NoteCreated> Send(IdempotencyContext context, FakeStore store, MessageHandlerDelegate<CreateNoteCommand, NoteCreated> handler) =>
        new IdempotencyBehaviour<CreateNoteCommand, NoteCreated>(context, store).Handle(Command,
            (m, ct) => new IdempotentResponseBehaviour<CreateNoteCommand, NoteCreated>(context, store).Handle(m, handler, ct), Ct);

    [Fact]
    public async Task A_retry_gets_the_first_answer_without_running_the_handler_again()
    {
        var store = new FakeStore();
        var runs = 0;
        MessageHandlerDelegate<CreateNoteCommand, NoteCreated> handler = (m, _) =>
        {
            runs++;
            return ValueTask.FromResult(new NoteCreated(Guid.CreateVersion7(), m.Text, new DateOnly(2026, 10, 9)));
        };

        var first = await Send(new IdempotencyContext { Key = "k1" }, store, handler);
        var retryContext = new IdempotencyContext { Key = "k1" };
        var retry = await Send(retryContext, store, handler);

        runs.ShouldBe(1);
        retry.ShouldBe(first);
        retryContext.Replayed.ShouldBeTrue();
    }

    [Fact]
    public async Task Without_a_key_the_command_runs_every_time_and_nothing_is_stored()
    {
        var store = new FakeStore();
        var runs = 0;
        MessageHandlerDelegate<CreateNoteCommand, NoteCreated> handler = (m, _) => ValueTask.FromResult(new NoteCreated(Guid.CreateVersion7(), m.Text, default) with { Text = $"{++runs}" });

        await Send(new IdempotencyContext(), store, handler);
        await Send(new IdempotencyContext(), store, handler);

        runs.ShouldBe(2);
        store.Keys.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_failed_command_frees_its_key()
    {
        var store = new FakeStore();
        var context = new IdempotencyContext { Key = "k2" };

        await Should.ThrowAsync<InvalidOperationException>(async () =>
            await Send(context, store, (_, _) => throw new InvalidOperationException("refused")));

        store.Released.ShouldBe([store.LastReservation]);
        context.ReservationId.ShouldBeNull();
        context.Replayed.ShouldBeFalse();
    }

    [Fact]
    public void The_fingerprint_covers_every_field_of_the_command()
    {
        IdempotentAnswers.Hash(Command).ShouldBe(IdempotentAnswers.Hash(Command with { }));
        IdempotentAnswers.Hash(Command).ShouldNotBe(IdempotentAnswers.Hash(Command with { Text = "迟交作业" }));
        IdempotentAnswers.Hash(Command).ShouldNotBe(IdempotentAnswers.Hash(Command with { StudentId = Guid.CreateVersion7() }));
    }
}
