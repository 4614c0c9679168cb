using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;

namespace MentorCloud.Domain.UnitTests;

/// <summary>Leavers and movers (R15): their pairs end, the mentors' places are freed, and history keeps who mentored whom.</summary>
public sealed class LeaverTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Now.AddDays(30);
    private static readonly Guid SemesterId = Guid.CreateVersion7();
    private static readonly Guid ClassId = Guid.CreateVersion7();
    private readonly Guid _a = Guid.CreateVersion7();
    private readonly Guid _b = Guid.CreateVersion7();
    private readonly Guid _s1 = Guid.CreateVersion7();
    private readonly Guid _s2 = Guid.CreateVersion7();
    private readonly MentorLoadLedger _ledger;

    public LeaverTests() => _ledger = new MentorLoadLedger(SemesterId, 2, [new MentorLoad(SemesterId, _a), new MentorLoad(SemesterId, _b)]);

    private MentorGroup Group(bool publish)
    {
        var group = new MentorGroup(ClassId, SemesterId, [_a, _b], Now);
        group.Assign(_s1, true, [_a, _b], 3, _ledger, Now);
        group.Assign(_s2, false, [_a], 3, _ledger, Now);
        if (publish) group.Publish([_s1, _s2], Now);
        group.ClearDomainEvents();
        return group;
    }

    [Fact]
    public void A_leaving_student_frees_every_mentors_place_and_the_published_pairs_become_history_R15()
    {
        var group = Group(publish: true);

        group.ReleaseStudent(_s1, AssignmentEndReason.StudentLeft, _ledger, Later);

        group.MentorsOf(_s1).ShouldBeEmpty();
        _ledger.MenteesOf(_a).ShouldBe(1);
        _ledger.MenteesOf(_b).ShouldBe(0);
        group.EndedAssignments.Select(a => (a.StudentId, a.MentorId, a.EndedAt, a.EndReason))
            .ShouldBe([(_s1, _a, (DateTimeOffset?)Later, (AssignmentEndReason?)AssignmentEndReason.StudentLeft), (_s1, _b, Later, AssignmentEndReason.StudentLeft)], ignoreOrder: true);
        var released = group.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<MentorsReleased>();
        released.StudentId.ShouldBe(_s1);
        released.MentorIds.ShouldBe([_a, _b], ignoreOrder: true);
        released.Reason.ShouldBe(AssignmentEndReason.StudentLeft);
    }

    [Fact]
    public void A_freed_place_can_be_taken_by_a_newcomer_R3_R15()
    {
        var group = Group(publish: true);
        var newcomer = Guid.CreateVersion7();
        Should.Throw<Common.RuleViolationException>(() => group.Assign(newcomer, false, [_a], 3, _ledger, Later)).Rule.ShouldBe("R3");

        group.ReleaseStudent(_s2, AssignmentEndReason.StudentTransferred, _ledger, Later);
        group.Assign(newcomer, false, [_a], 3, _ledger, Later);

        group.MentorsOf(newcomer).ShouldBe([_a]);
        _ledger.MenteesOf(_a).ShouldBe(2);
    }

    [Fact]
    public void Before_publishing_a_leavers_pairs_are_simply_dropped_R15()
    {
        var group = Group(publish: false);

        group.ReleaseStudent(_s2, AssignmentEndReason.StudentLeft, _ledger, Later);

        group.AllAssignments.ShouldNotContain(a => a.StudentId == _s2);
        group.EndedAssignments.ShouldBeEmpty();
        _ledger.MenteesOf(_a).ShouldBe(1);
    }

    [Fact]
    public void A_leaving_mentor_leaves_their_mentees_uncovered_R15_R1()
    {
        var group = Group(publish: true);

        group.ReleaseMentor(_a, AssignmentEndReason.MentorLeft, _ledger, Later);

        group.MentorsOf(_s1).ShouldBe([_b]);
        group.MentorsOf(_s2).ShouldBeEmpty();
        _ledger.MenteesOf(_a).ShouldBe(0);
        group.DomainEvents.OfType<MentorsReleased>().Select(e => e.StudentId).ShouldBe([_s1, _s2], ignoreOrder: true);
    }

    [Fact]
    public void Releasing_someone_without_pairs_changes_nothing()
    {
        var group = Group(publish: true);
        var version = group.Version;

        group.ReleaseStudent(Guid.CreateVersion7(), AssignmentEndReason.StudentLeft, _ledger, Later);

        group.Version.ShouldBe(version);
        group.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public void An_adjustment_after_publishing_ends_the_dropped_pair_and_keeps_the_kept_one()
    {
        var group = Group(publish: true);

        group.Assign(_s1, true, [_b], 3, _ledger, Later);

        group.MentorsOf(_s1).ShouldBe([_b]);
        group.EndedAssignments.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            a => a.MentorId.ShouldBe(_a), a => a.EndReason.ShouldBe(AssignmentEndReason.Reassigned));
        _ledger.MenteesOf(_a).ShouldBe(1);
    }

    [Fact]
    public void Students_and_teachers_raise_the_facts_of_leaving_once()
    {
        var student = new Student("张三", "S1", ClassId, Gender.Male, null, []);
        var teacher = new Teacher("王老师", "T1", []);
        var otherClass = Guid.CreateVersion7();

        student.TransferTo(ClassId);
        student.TransferTo(otherClass);
        student.Deactivate();
        student.Deactivate();
        teacher.Deactivate();
        teacher.Deactivate();

        student.DomainEvents.ShouldBe([new StudentEnrolled(student.Id), new StudentTransferred(student.Id, ClassId, otherClass), new StudentDeactivated(student.Id, otherClass)]);
        teacher.DomainEvents.ShouldBe([new TeacherDeactivated(teacher.Id)]);
    }
}
