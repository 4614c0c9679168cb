using MentorCloud.Domain.Common;
using MentorCloud.Domain.MentorGroups;

namespace MentorCloud.Domain.UnitTests;

/// <summary>The ledger of mentor loads a group change takes: the cap (R3) across every group of the semester.</summary>
public sealed class MentorLoadLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid SemesterId = Guid.CreateVersion7();
    private static readonly Guid ClassId = Guid.CreateVersion7();
    private readonly Guid _a = Guid.CreateVersion7();
    private readonly Guid _b = Guid.CreateVersion7();

    private static MentorLoad Load(Guid teacherId, int mentees)
    {
        var load = new MentorLoad(SemesterId, teacherId);
        load.Change(mentees, mentees);
        return load;
    }

    private static MatchStudent Student(params Guid[] ranked) => new(Guid.CreateVersion7(), Guid.NewGuid().ToString(), false, ranked);

    [Fact]
    public void Room_is_what_the_cap_leaves_after_every_group_of_the_semester_R3()
    {
        var ledger = new MentorLoadLedger(SemesterId, 3, [Load(_a, 2), Load(_b, 0)]);

        ledger.RoomFor(_a).ShouldBe(1);
        ledger.RoomFor(_b).ShouldBe(3);
        ledger.MenteesOf(_a).ShouldBe(2);
    }

    [Fact]
    public void An_assignment_beyond_the_room_left_by_other_groups_is_refused_and_changes_nothing_R3()
    {
        var ledger = new MentorLoadLedger(SemesterId, 2, [Load(_a, 2)]);
        var group = new MentorGroup(ClassId, SemesterId, [_a], Now);
        var student = Guid.CreateVersion7();

        var ex = Should.Throw<RuleViolationException>(() => group.Assign(student, false, [_a], 3, ledger, Now));

        ex.Rule.ShouldBe("R3");
        group.Assignments.ShouldBeEmpty();
        ledger.MenteesOf(_a).ShouldBe(2);
    }

    [Fact]
    public void A_refused_change_of_several_mentors_moves_no_load_at_all_R3()
    {
        var ledger = new MentorLoadLedger(SemesterId, 2, [Load(_a, 0), Load(_b, 2)]);
        var group = new MentorGroup(ClassId, SemesterId, [_a, _b], Now);

        Should.Throw<RuleViolationException>(() => group.Assign(Guid.CreateVersion7(), true, [_a, _b], 3, ledger, Now));

        ledger.MenteesOf(_a).ShouldBe(0);
        ledger.MenteesOf(_b).ShouldBe(2);
    }

    [Fact]
    public void Matching_places_no_more_students_with_a_mentor_than_the_ledger_leaves_room_for_R3_R4()
    {
        var ledger = new MentorLoadLedger(SemesterId, 3, [Load(_a, 2), Load(_b, 0)]);
        var group = new MentorGroup(ClassId, SemesterId, [_a, _b], Now);
        var students = Enumerable.Range(0, 3).Select(_ => Student(_a)).ToList();

        group.Match(students, [new AvailableMentor(_a, false), new AvailableMentor(_b, false)], ledger, Now);

        group.LoadOf(_a).ShouldBe(1);
        group.LoadOf(_b).ShouldBe(2);
        ledger.MenteesOf(_a).ShouldBe(3);
        ledger.MenteesOf(_b).ShouldBe(2);
    }

    [Fact]
    public void Matching_again_counts_the_groups_own_replaceable_placements_as_room_R3_R4()
    {
        var ledger = new MentorLoadLedger(SemesterId, 2, [Load(_a, 0)]);
        var group = new MentorGroup(ClassId, SemesterId, [_a], Now);
        var students = new[] { Student(_a), Student(_a) };
        group.Match(students, [new AvailableMentor(_a, false)], ledger, Now);

        group.Match(students, [new AvailableMentor(_a, false)], ledger, Now);

        group.LoadOf(_a).ShouldBe(2);
        ledger.MenteesOf(_a).ShouldBe(2);
    }

    [Fact]
    public void A_ledger_answers_only_for_the_mentors_and_semester_it_was_opened_for()
    {
        var ledger = new MentorLoadLedger(SemesterId, 15, [Load(_a, 0)]);
        var otherSemester = new MentorGroup(ClassId, Guid.CreateVersion7(), [_a], Now);

        Should.Throw<InvalidOperationException>(() => ledger.RoomFor(_b));
        Should.Throw<ArgumentException>(() => otherSemester.Assign(Guid.CreateVersion7(), false, [_a], 3, ledger, Now));
        Should.Throw<ArgumentException>(() => new MentorLoadLedger(Guid.CreateVersion7(), 15, [Load(_a, 0)]));
    }
}
