using System.Text.Json;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.MentorGroups;

namespace MentorCloud.Domain.UnitTests;

/// <summary>The class mentor group (班级导师团): its phases (R4), full coverage (R1), priority care (R5) and publishing (R6).</summary>
public sealed class MentorGroupTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.Date);
    private static readonly Guid ClassId = Guid.CreateVersion7();
    private static readonly Guid SemesterId = Guid.CreateVersion7();

    private readonly Guid _a = Guid.CreateVersion7();
    private readonly Guid _b = Guid.CreateVersion7();
    private readonly Guid _c = Guid.CreateVersion7();
    private readonly Guid _outsider = Guid.CreateVersion7();
    private readonly Guid _s1 = Guid.CreateVersion7();
    private readonly Guid _s2 = Guid.CreateVersion7();
    private readonly Guid _s3 = Guid.CreateVersion7();

    private readonly MentorLoadLedger _ledger;

    public MentorGroupTests() => _ledger = new MentorLoadLedger(SemesterId, 15, new[] { _a, _b, _c, _outsider }.Select(id => new MentorLoad(SemesterId, id)));

    private MentorGroup NewGroup() => new(ClassId, SemesterId, [_a, _b, _c], Now);

    private MentorGroup OpenGroup()
    {
        var group = NewGroup();
        group.OpenSelection(Today.AddDays(7), Today);
        return group;
    }

    private MentorGroup MatchedGroup()
    {
        var group = NewGroup();
        group.Match([Student(_s1, _a), Student(_s2, _b)], [Mentor(_a), Mentor(_b)], _ledger, Now);
        return group;
    }

    private MentorGroup PublishedGroup()
    {
        var group = MatchedGroup();
        group.Publish([_s1, _s2], Now);
        return group;
    }

    private MentorGroup GroupIn(MentorGroupPhase phase) => phase switch
    {
        MentorGroupPhase.Draft => NewGroup(),
        MentorGroupPhase.SelectionOpen => OpenGroup(),
        MentorGroupPhase.Matched => MatchedGroup(),
        _ => PublishedGroup(),
    };

    private static MatchStudent Student(Guid id, params Guid[] ranked) => new(id, id.ToString(), false, ranked);

    private static AvailableMentor Mentor(Guid id) => new(id, false);

    private static List<Guid> UncoveredStudentIds(RuleViolationException ex) =>
        JsonSerializer.SerializeToElement(ex.Details).GetProperty("uncoveredStudentIds").EnumerateArray().Select(e => e.GetGuid()).ToList();

    public static TheoryData<MentorGroupPhase> PhasesOtherThanSelectionOpen =>
        [MentorGroupPhase.Draft, MentorGroupPhase.Matched, MentorGroupPhase.Published];

    // ---- creation and mentors (R2) ----

    [Fact]
    public void A_new_group_is_a_draft_with_each_mentor_once()
    {
        var group = new MentorGroup(ClassId, SemesterId, [_a, _b, _a, _c, _b], Now);

        group.MentorIds.ShouldBe([_a, _b, _c]);
        group.Phase.ShouldBe(MentorGroupPhase.Draft);
        group.ClassId.ShouldBe(ClassId);
        group.SemesterId.ShouldBe(SemesterId);
        group.CreatedAt.ShouldBe(Now);
        group.PublishedAt.ShouldBeNull();
        group.SelectionClosesOn.ShouldBeNull();
        group.Assignments.ShouldBeEmpty();
        group.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public void Any_teacher_can_be_added_as_a_mentor_R2()
    {
        var group = NewGroup();

        group.AddMentor(_outsider);

        group.MentorIds.ShouldContain(_outsider);
        group.HasMentor(_outsider).ShouldBeTrue();
    }

    [Fact]
    public void Adding_a_mentor_twice_is_a_conflict()
    {
        var group = NewGroup();

        Should.Throw<ConflictException>(() => group.AddMentor(_a));
        group.MentorIds.Count(id => id == _a).ShouldBe(1);
    }

    [Fact]
    public void Mentors_cannot_be_added_or_removed_after_publishing_R6()
    {
        var group = PublishedGroup();

        Should.Throw<ConflictException>(() => group.AddMentor(_outsider));
        Should.Throw<ConflictException>(() => group.RemoveMentor(_c));
        group.MentorIds.ShouldBe([_a, _b, _c]);
    }

    [Fact]
    public void Removing_a_teacher_who_is_not_a_mentor_is_a_conflict()
    {
        var group = NewGroup();

        Should.Throw<ConflictException>(() => group.RemoveMentor(_outsider));
    }

    [Fact]
    public void Removing_a_mentor_who_still_has_mentees_is_a_conflict_R1()
    {
        var group = MatchedGroup();

        Should.Throw<ConflictException>(() => group.RemoveMentor(_a));
        group.MentorsOf(_s1).ShouldBe([_a]);
    }

    [Fact]
    public void A_refused_removal_leaves_the_mentor_in_the_group_R1()
    {
        var group = MatchedGroup();
        var version = group.Version;

        Should.Throw<ConflictException>(() => group.RemoveMentor(_a));

        group.HasMentor(_a).ShouldBeTrue("a refused command must not change the group");
        group.MentorIds.ShouldBe([_a, _b, _c]);
        group.Version.ShouldBe(version);
    }

    [Fact]
    public void Removing_a_mentor_drops_them_from_rankings_and_welcomes_R4()
    {
        var group = OpenGroup();
        group.SetPreferences(_s1, [_a, _b, _c], 3);
        group.SetWelcomed(_a, [_s1]);
        group.SetWelcomed(_b, [_s2]);

        group.RemoveMentor(_a);

        group.MentorIds.ShouldBe([_b, _c]);
        group.Preferences.Single(p => p.StudentId == _s1).RankedMentorIds.ShouldBe([_b, _c]);
        group.Welcomes.ShouldNotContain(w => w.TeacherId == _a);
        group.Welcomes.Single().TeacherId.ShouldBe(_b);
    }

    // ---- opening selection (R4) ----

    [Fact]
    public void Opening_selection_moves_a_draft_to_selection_open_R4()
    {
        var group = NewGroup();

        group.OpenSelection(Today.AddDays(7), Today);

        group.Phase.ShouldBe(MentorGroupPhase.SelectionOpen);
        group.SelectionClosesOn.ShouldBe(Today.AddDays(7));
    }

    [Fact]
    public void Selection_may_close_today_R4()
    {
        var group = NewGroup();

        group.OpenSelection(Today, Today);

        group.SelectionClosesOn.ShouldBe(Today);
    }

    [Fact]
    public void Selection_can_be_reopened_after_matching_and_keeps_the_placements_R4()
    {
        var group = MatchedGroup();

        group.OpenSelection(Today.AddDays(3), Today);

        group.Phase.ShouldBe(MentorGroupPhase.SelectionOpen);
        group.Assignments.Count.ShouldBe(2);
    }

    [Fact]
    public void Selection_cannot_close_on_a_past_day_R4()
    {
        var group = NewGroup();

        var ex = Should.Throw<DomainValidationException>(() => group.OpenSelection(Today.AddDays(-1), Today));

        ex.Field.ShouldBe("closesOn");
        group.Phase.ShouldBe(MentorGroupPhase.Draft);
    }

    [Fact]
    public void Selection_cannot_open_without_mentors_R4()
    {
        var group = new MentorGroup(ClassId, SemesterId, [], Now);

        Should.Throw<ConflictException>(() => group.OpenSelection(Today.AddDays(7), Today));
        group.Phase.ShouldBe(MentorGroupPhase.Draft);
    }

    [Theory]
    [InlineData(MentorGroupPhase.SelectionOpen)]
    [InlineData(MentorGroupPhase.Published)]
    public void Selection_opens_only_from_draft_or_matched_R4(MentorGroupPhase phase)
    {
        var group = GroupIn(phase);

        Should.Throw<ConflictException>(() => group.OpenSelection(Today.AddDays(7), Today));
        group.Phase.ShouldBe(phase);
    }

    // ---- students rank mentors (R4) ----

    [Fact]
    public void A_student_ranks_mentors_while_selection_is_open_R4()
    {
        var group = OpenGroup();

        group.SetPreferences(_s1, [_c, _a], 3);

        group.Preferences.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            p => p.StudentId.ShouldBe(_s1),
            p => p.RankedMentorIds.ShouldBe([_c, _a]));
    }

    [Fact]
    public void A_new_ranking_replaces_the_students_earlier_one_R4()
    {
        var group = OpenGroup();
        group.SetPreferences(_s1, [_c, _a], 3);
        group.SetPreferences(_s2, [_a], 3);

        group.SetPreferences(_s1, [_b], 3);

        group.Preferences.Single(p => p.StudentId == _s1).RankedMentorIds.ShouldBe([_b]);
        group.Preferences.Single(p => p.StudentId == _s2).RankedMentorIds.ShouldBe([_a]);
    }

    [Fact]
    public void An_empty_ranking_clears_the_students_preferences_R4()
    {
        var group = OpenGroup();
        group.SetPreferences(_s1, [_a], 3);

        group.SetPreferences(_s1, [], 3);

        group.Preferences.ShouldBeEmpty();
    }

    [Fact]
    public void A_student_may_rank_exactly_max_preferences_mentors_R4()
    {
        var group = OpenGroup();

        group.SetPreferences(_s1, [_a, _b], 2);

        group.Preferences.Single().RankedMentorIds.Count.ShouldBe(2);
    }

    [Fact]
    public void A_student_may_rank_at_most_max_preferences_mentors_R4()
    {
        var group = OpenGroup();

        var ex = Should.Throw<DomainValidationException>(() => group.SetPreferences(_s1, [_a, _b, _c], 2));

        ex.Field.ShouldBe("rankedMentorIds");
        group.Preferences.ShouldBeEmpty();
    }

    [Fact]
    public void A_student_may_rank_a_mentor_only_once_R4()
    {
        var group = OpenGroup();

        var ex = Should.Throw<DomainValidationException>(() => group.SetPreferences(_s1, [_a, _b, _a], 3));

        ex.Field.ShouldBe("rankedMentorIds");
        group.Preferences.ShouldBeEmpty();
    }

    [Fact]
    public void A_student_may_rank_only_mentors_of_the_group_R4()
    {
        var group = OpenGroup();

        var ex = Should.Throw<DomainValidationException>(() => group.SetPreferences(_s1, [_a, _outsider], 3));

        ex.Field.ShouldBe("rankedMentorIds");
        group.Preferences.ShouldBeEmpty();
    }

    [Fact]
    public void A_student_may_not_rank_the_empty_id_as_a_mentor_R4()
    {
        var group = OpenGroup();

        var ex = Should.Throw<DomainValidationException>(() => group.SetPreferences(_s1, [_a, Guid.Empty], 3));

        ex.Field.ShouldBe("rankedMentorIds");
        group.Preferences.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(PhasesOtherThanSelectionOpen))]
    public void Students_rank_mentors_only_while_selection_is_open_R4(MentorGroupPhase phase)
    {
        var group = GroupIn(phase);

        Should.Throw<ConflictException>(() => group.SetPreferences(_s1, [_a], 3));
        group.Preferences.ShouldBeEmpty();
    }

    // ---- mentors welcome students (R4) ----

    [Fact]
    public void A_mentor_welcomes_students_once_each_and_a_new_list_replaces_the_old_R4()
    {
        var group = OpenGroup();
        group.SetWelcomed(_a, [_s3]);

        group.SetWelcomed(_a, [_s1, _s2, _s1]);

        group.Welcomes.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            w => w.TeacherId.ShouldBe(_a),
            w => w.StudentIds.ShouldBe([_s1, _s2]));
    }

    [Fact]
    public void An_empty_welcome_list_clears_the_mentors_welcomes_R4()
    {
        var group = OpenGroup();
        group.SetWelcomed(_a, [_s1]);

        group.SetWelcomed(_a, []);

        group.Welcomes.ShouldBeEmpty();
    }

    [Fact]
    public void Only_mentors_of_the_group_may_welcome_students_R4()
    {
        var group = OpenGroup();

        var ex = Should.Throw<DomainValidationException>(() => group.SetWelcomed(_outsider, [_s1]));

        ex.Field.ShouldBe("teacherId");
        group.Welcomes.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(PhasesOtherThanSelectionOpen))]
    public void Mentors_welcome_students_only_while_selection_is_open_R4(MentorGroupPhase phase)
    {
        var group = GroupIn(phase);

        Should.Throw<ConflictException>(() => group.SetWelcomed(_a, [_s1]));
        group.Welcomes.ShouldBeEmpty();
    }

    // ---- matching (R4) ----

    [Fact]
    public void Matching_records_matched_and_auto_assigned_placements_and_moves_to_matched_R4()
    {
        var group = OpenGroup();

        var result = group.Match([Student(_s1, _b), Student(_s2)], [Mentor(_a), Mentor(_b)], _ledger, Now);

        group.Phase.ShouldBe(MentorGroupPhase.Matched);
        result.Matched.ShouldBe([new MatchPlacement(_s1, _b, 1)]);
        result.AutoAssigned.ShouldBe([new MatchPlacement(_s2, _a, null)]);
        var matched = group.Assignments.Single(a => a.StudentId == _s1);
        matched.ShouldSatisfyAllConditions(
            a => a.MentorId.ShouldBe(_b),
            a => a.Source.ShouldBe(AssignmentSource.Matched),
            a => a.ChoiceRank.ShouldBe(1),
            a => a.GroupId.ShouldBe(group.Id),
            a => a.SemesterId.ShouldBe(SemesterId),
            a => a.AssignedAt.ShouldBe(Now));
        var auto = group.Assignments.Single(a => a.StudentId == _s2);
        auto.MentorId.ShouldBe(_a);
        auto.Source.ShouldBe(AssignmentSource.AutoAssigned);
        auto.ChoiceRank.ShouldBeNull();
    }

    [Fact]
    public void Matching_raises_mentor_assigned_for_every_placement_R4()
    {
        var group = OpenGroup();

        group.Match([Student(_s1, _b), Student(_s2)], [Mentor(_a), Mentor(_b)], _ledger, Now);

        group.DomainEvents.OfType<MentorAssigned>().ShouldBe(
            [new MentorAssigned(group.Id, _s1, _b), new MentorAssigned(group.Id, _s2, _a)], ignoreOrder: true);
    }

    [Fact]
    public void Matching_again_replaces_earlier_matched_and_auto_assigned_placements_R4()
    {
        var group = MatchedGroup();   // s1 → a, s2 → b

        group.Match([Student(_s1, _c), Student(_s3)], [Mentor(_c)], _ledger, Now);   // b is no longer available

        group.Assignments.Select(a => (a.StudentId, a.MentorId)).ShouldBe([(_s1, _c), (_s3, _c)], ignoreOrder: true);
    }

    [Fact]
    public void Matching_keeps_the_head_teachers_manual_placements_and_leaves_those_students_out_R4()
    {
        var group = NewGroup();
        group.Assign(_s1, false, [_c], 3, _ledger, Now);
        group.ClearDomainEvents();

        var result = group.Match([Student(_s1, _a), Student(_s2, _a)], [Mentor(_a), Mentor(_b)], _ledger, Now);

        result.All.ShouldNotContain(p => p.StudentId == _s1);
        group.MentorsOf(_s1).ShouldBe([_c]);
        group.Assignments.Single(a => a.StudentId == _s1).Source.ShouldBe(AssignmentSource.Manual);
        group.MentorsOf(_s2).ShouldBe([_a]);
        group.DomainEvents.OfType<MentorAssigned>().ShouldBe([new MentorAssigned(group.Id, _s2, _a)]);
    }

    [Fact]
    public void Matching_cannot_run_after_publishing_R6()
    {
        var group = PublishedGroup();
        var before = group.Assignments.Select(a => (a.StudentId, a.MentorId)).ToList();

        Should.Throw<ConflictException>(() => group.Match([Student(_s1, _c)], [Mentor(_c)], _ledger, Now));
        group.Assignments.Select(a => (a.StudentId, a.MentorId)).ShouldBe(before);
        group.Phase.ShouldBe(MentorGroupPhase.Published);
    }

    // ---- head teacher's assignment (R4, R5) ----

    [Fact]
    public void The_head_teacher_assigns_one_mentor_to_a_student_R4()
    {
        var group = NewGroup();

        group.Assign(_s1, false, [_b], 3, _ledger, Now);

        var assignment = group.Assignments.ShouldHaveSingleItem();
        assignment.ShouldSatisfyAllConditions(
            a => a.StudentId.ShouldBe(_s1),
            a => a.MentorId.ShouldBe(_b),
            a => a.Source.ShouldBe(AssignmentSource.Manual),
            a => a.ChoiceRank.ShouldBeNull(),
            a => a.AssignedAt.ShouldBe(Now));
        group.DomainEvents.ShouldBe([new MentorAssigned(group.Id, _s1, _b)]);
    }

    [Fact]
    public void Assigning_replaces_the_students_matched_mentor_with_a_manual_one_R4()
    {
        var group = MatchedGroup();   // s1 → a
        group.ClearDomainEvents();

        group.Assign(_s1, false, [_c], 3, _ledger, Now);

        group.MentorsOf(_s1).ShouldBe([_c]);
        group.Assignments.Single(a => a.StudentId == _s1).Source.ShouldBe(AssignmentSource.Manual);
        group.DomainEvents.ShouldBe([new MentorAssigned(group.Id, _s1, _c)]);
    }

    [Fact]
    public void Reassigning_raises_mentor_assigned_only_for_new_mentors_R4()
    {
        var group = NewGroup();
        group.Assign(_s1, true, [_a, _b], 3, _ledger, Now);
        group.ClearDomainEvents();

        group.Assign(_s1, true, [_b, _c], 3, _ledger, Now);

        group.MentorsOf(_s1).ShouldBe([_b, _c], ignoreOrder: true);
        group.DomainEvents.ShouldBe([new MentorAssigned(group.Id, _s1, _c)]);
    }

    [Fact]
    public void A_priority_care_student_may_have_several_mentors_up_to_the_maximum_R5()
    {
        var group = NewGroup();

        group.Assign(_s1, true, [_a, _b, _c], 3, _ledger, Now);

        group.MentorsOf(_s1).ShouldBe([_a, _b, _c], ignoreOrder: true);
    }

    [Fact]
    public void Only_priority_care_students_may_have_several_mentors_R5()
    {
        var group = NewGroup();

        var ex = Should.Throw<RuleViolationException>(() => group.Assign(_s1, false, [_a, _b], 3, _ledger, Now));

        ex.Rule.ShouldBe("R5");
        group.Assignments.ShouldBeEmpty();
    }

    [Fact]
    public void A_priority_care_student_may_not_have_more_than_the_maximum_of_mentors_R5()
    {
        var group = NewGroup();

        var ex = Should.Throw<RuleViolationException>(() => group.Assign(_s1, true, [_a, _b, _c], 2, _ledger, Now));

        ex.Rule.ShouldBe("R5");
        group.Assignments.ShouldBeEmpty();
    }

    [Fact]
    public void Only_mentors_of_the_group_may_be_assigned_R2()
    {
        var group = NewGroup();

        var ex = Should.Throw<DomainValidationException>(() => group.Assign(_s1, true, [_a, _outsider], 3, _ledger, Now));

        ex.Field.ShouldBe("mentorIds");
        group.Assignments.ShouldBeEmpty();
    }

    [Fact]
    public void The_empty_id_is_not_a_mentor_of_the_group_R1()
    {
        // Were it accepted, the student would count as covered without a mentor.
        var group = NewGroup();

        var ex = Should.Throw<DomainValidationException>(() => group.Assign(_s1, false, [Guid.Empty], 3, _ledger, Now));

        ex.Field.ShouldBe("mentorIds");
        group.Assignments.ShouldBeEmpty();
    }

    [Fact]
    public void An_assignment_names_at_least_one_mentor_each_once()
    {
        var group = NewGroup();

        Should.Throw<DomainValidationException>(() => group.Assign(_s1, true, [], 3, _ledger, Now)).Field.ShouldBe("mentorIds");
        Should.Throw<DomainValidationException>(() => group.Assign(_s1, true, [_a, _a], 3, _ledger, Now)).Field.ShouldBe("mentorIds");
        group.Assignments.ShouldBeEmpty();
    }

    [Fact]
    public void Assignments_wait_until_selection_is_closed_by_matching_R4()
    {
        var group = OpenGroup();

        Should.Throw<ConflictException>(() => group.Assign(_s1, false, [_a], 3, _ledger, Now));
        group.Assignments.ShouldBeEmpty();
    }

    [Fact]
    public void An_adjustment_after_publishing_is_recorded_as_such_R4()
    {
        var group = PublishedGroup();   // s1 → a
        group.ClearDomainEvents();
        var later = Now.AddDays(10);

        group.Assign(_s1, false, [_c], 3, _ledger, later);

        group.MentorsOf(_s1).ShouldBe([_c]);
        group.Phase.ShouldBe(MentorGroupPhase.Published);
        var adjusted = group.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<AssignmentAdjusted>();
        adjusted.GroupId.ShouldBe(group.Id);
        adjusted.StudentId.ShouldBe(_s1);
        adjusted.From.ShouldBe([_a]);
        adjusted.To.ShouldBe([_c]);
        adjusted.At.ShouldBe(later);
    }

    // ---- publishing (R1, R6) ----

    [Fact]
    public void Publishing_needs_a_mentor_for_every_active_student_and_lists_the_uncovered_ones_R1()
    {
        var group = MatchedGroup();   // s1 and s2 covered
        var s4 = Guid.CreateVersion7();

        var ex = Should.Throw<RuleViolationException>(() => group.Publish([_s1, _s3, _s2, s4], Now));

        ex.Rule.ShouldBe("R1");
        UncoveredStudentIds(ex).ShouldBe([_s3, s4], ignoreOrder: true);
        group.Phase.ShouldBe(MentorGroupPhase.Matched);
        group.PublishedAt.ShouldBeNull();
        group.DomainEvents.OfType<MentorGroupPublished>().ShouldBeEmpty();
    }

    [Fact]
    public void Publishing_a_draft_without_assignments_lists_every_active_student_R1()
    {
        var group = NewGroup();

        var ex = Should.Throw<RuleViolationException>(() => group.Publish([_s1, _s2], Now));

        ex.Rule.ShouldBe("R1");
        UncoveredStudentIds(ex).ShouldBe([_s1, _s2], ignoreOrder: true);
    }

    [Fact]
    public void A_matched_group_with_full_coverage_is_published_R6()
    {
        var group = MatchedGroup();
        var at = Now.AddDays(1);

        group.Publish([_s1, _s2], at);

        group.Phase.ShouldBe(MentorGroupPhase.Published);
        group.PublishedAt.ShouldBe(at);
        group.DomainEvents.OfType<MentorGroupPublished>().ShouldBe([new MentorGroupPublished(group.Id, ClassId, SemesterId)]);
    }

    [Fact]
    public void A_draft_fully_covered_by_the_head_teacher_is_published_without_matching_R4_R6()
    {
        var group = NewGroup();
        group.Assign(_s1, false, [_a], 3, _ledger, Now);
        group.Assign(_s2, true, [_a, _b], 3, _ledger, Now);

        group.Publish([_s1, _s2], Now);

        group.Phase.ShouldBe(MentorGroupPhase.Published);
        group.DomainEvents.OfType<MentorGroupPublished>().ShouldHaveSingleItem();
    }

    [Fact]
    public void Publishing_twice_is_a_conflict_R6()
    {
        var group = PublishedGroup();
        var publishedAt = group.PublishedAt;

        Should.Throw<ConflictException>(() => group.Publish([_s1, _s2], Now.AddDays(1)));
        group.PublishedAt.ShouldBe(publishedAt);
        group.DomainEvents.OfType<MentorGroupPublished>().Count().ShouldBe(1);
    }

    [Fact]
    public void Publishing_while_selection_is_open_is_a_conflict_R4()
    {
        var group = OpenGroup();

        Should.Throw<ConflictException>(() => group.Publish([], Now));
        group.Phase.ShouldBe(MentorGroupPhase.SelectionOpen);
    }

    // ---- version and loads ----

    [Fact]
    public void Every_change_gives_the_group_a_new_version()
    {
        var group = NewGroup();
        var versions = new List<Guid> { group.Version };
        void Changed() => versions.Add(group.Version);

        group.AddMentor(_outsider); Changed();
        group.RemoveMentor(_outsider); Changed();
        group.OpenSelection(Today.AddDays(7), Today); Changed();
        group.SetPreferences(_s1, [_a], 3); Changed();
        group.SetWelcomed(_a, [_s1]); Changed();
        group.Match([Student(_s1, _a), Student(_s2)], [Mentor(_a), Mentor(_b)], _ledger, Now); Changed();
        group.Assign(_s2, false, [_c], 3, _ledger, Now); Changed();
        group.Publish([_s1, _s2], Now); Changed();
        group.Assign(_s2, false, [_b], 3, _ledger, Now); Changed();

        versions.Distinct().Count().ShouldBe(versions.Count);
    }

    [Fact]
    public void A_refused_change_keeps_the_version()
    {
        var group = OpenGroup();
        var version = group.Version;

        Should.Throw<DomainValidationException>(() => group.SetPreferences(_s1, [_outsider], 3));
        Should.Throw<ConflictException>(() => group.AddMentor(_a));
        Should.Throw<ConflictException>(() => group.Assign(_s1, false, [_a], 3, _ledger, Now));

        group.Version.ShouldBe(version);
    }

    [Fact]
    public void Loads_count_every_mentor_of_every_student_R3_R5()
    {
        var group = NewGroup();
        group.Match([Student(_s1, _a), Student(_s2, _a)], [Mentor(_a), Mentor(_b)], _ledger, Now);   // s1, s2 → a (matched)
        group.Assign(_s3, true, [_a, _b], 3, _ledger, Now);                                           // s3 → a, b (manual)

        group.LoadByMentor().ShouldBe(new Dictionary<Guid, int> { [_a] = 3, [_b] = 1 });
        group.LoadOf(_a).ShouldBe(3);
        group.LoadOf(_c).ShouldBe(0);
        _ledger.MenteesOf(_a).ShouldBe(3);
        _ledger.MenteesOf(_b).ShouldBe(1);
        group.MentorsOf(_s3).ShouldBe([_a, _b], ignoreOrder: true);
    }
}
