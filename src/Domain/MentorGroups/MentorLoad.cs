using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.MentorGroups;

/// <summary>
/// How many mentees one mentor has across all groups of the school in one semester. Every change of a
/// mentor's assignments goes through this row (by way of <see cref="MentorLoadLedger"/>), so the cap
/// (师生比, R3) holds across groups, and two concurrent changes for the same mentor conflict instead of
/// both passing the check.
/// </summary>
public sealed class MentorLoad : Entity, ITenantOwned
{
    private MentorLoad(Guid id) : base(id) { }

    public MentorLoad(Guid semesterId, Guid teacherId)
    {
        SemesterId = semesterId;
        TeacherId = teacherId;
    }

    public Guid SemesterId { get; private set; }
    public Guid TeacherId { get; private set; }
    public int Mentees { get; private set; }
    public Guid Version { get; private set; } = Guid.NewGuid();

    public int RemainingUnder(int cap) => Math.Max(0, cap - Mentees);

    /// <summary>Refuses a change that would take the mentor above the cap (R3).</summary>
    public void EnsureRoomFor(int delta, int cap)
    {
        var next = Mentees + delta;
        if (delta > 0 && next > cap)
            throw new RuleViolationException("R3", new($"该导师本学期将有 {next} 名受导学生，超过上限 {cap} 名。", $"The mentor would have {next} mentees this semester; the cap is {cap}."),
                new { teacherId = TeacherId, mentees = next, cap });
    }

    /// <summary>Applies a change in mentee count; refuses to go above the cap (R3).</summary>
    public void Change(int delta, int cap)
    {
        if (delta == 0) return;
        EnsureRoomFor(delta, cap);
        Mentees = Math.Max(0, Mentees + delta);
        Version = Guid.NewGuid();
    }
}
