using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.MentorGroups;

/// <summary>
/// The semester's mentor loads (R3) for the mentors one change touches, with the cap in force. A
/// <see cref="MentorGroup"/> takes it as an argument to assign, match and release, so the rule that spans
/// groups is kept by the domain and not by whoever calls it.
/// </summary>
public sealed class MentorLoadLedger
{
    private readonly Dictionary<Guid, MentorLoad> _loads;

    public MentorLoadLedger(Guid semesterId, int cap, IEnumerable<MentorLoad> loads)
    {
        SemesterId = semesterId;
        Cap = cap;
        _loads = loads.ToDictionary(l => l.TeacherId);
        if (_loads.Values.Any(l => l.SemesterId != semesterId))
            throw new ArgumentException("Every load of a ledger belongs to its semester.", nameof(loads));
    }

    public Guid SemesterId { get; }
    public int Cap { get; }

    /// <summary>The mentor's mentees across every group of the semester.</summary>
    public int MenteesOf(Guid mentorId) => Of(mentorId).Mentees;

    /// <summary>How many more mentees the mentor may take this semester.</summary>
    public int RoomFor(Guid mentorId) => Of(mentorId).RemainingUnder(Cap);

    /// <summary>
    /// Moves each mentor's load by the change from <paramref name="before"/> to <paramref name="after"/> (mentees per
    /// mentor in one group). Every increase is checked before any is applied, so a refusal (R3) changes nothing.
    /// </summary>
    internal void Move(IReadOnlyDictionary<Guid, int> before, IReadOnlyDictionary<Guid, int> after)
    {
        var changes = before.Keys.Union(after.Keys)
            .Select(id => (Id: id, Delta: after.GetValueOrDefault(id) - before.GetValueOrDefault(id)))
            .Where(c => c.Delta != 0).ToList();
        foreach (var (id, delta) in changes.Where(c => c.Delta > 0)) Of(id).EnsureRoomFor(delta, Cap);
        foreach (var (id, delta) in changes) Of(id).Change(delta, Cap);
    }

    internal void EnsureFor(Guid semesterId)
    {
        if (semesterId != SemesterId) throw new ArgumentException("The ledger is for another semester.", nameof(semesterId));
    }

    private MentorLoad Of(Guid mentorId) =>
        _loads.TryGetValue(mentorId, out var load) ? load : throw new InvalidOperationException($"The ledger holds no load for mentor {mentorId}.");
}
