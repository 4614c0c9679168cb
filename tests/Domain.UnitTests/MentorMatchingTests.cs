using MentorCloud.Domain.MentorGroups;

namespace MentorCloud.Domain.UnitTests;

/// <summary>Worked examples of two-way selection (R4) with priority care (R5) and the per-group room under the cap (R3).</summary>
public sealed class MentorMatchingTests
{
    // Ids whose order is known, so tie-breaks by id can be told apart from the rule under test.
    private static Guid MentorId(int n) => new(n, 0, 0, new byte[8]);
    private static Guid StudentId(int n) => new(n, 1, 0, new byte[8]);

    private static readonly Guid A = MentorId(1);
    private static readonly Guid B = MentorId(2);
    private static readonly Guid C = MentorId(3);

    private static MatchStudent Student(int n, params Guid[] ranked) => new(StudentId(n), $"2026{n:000}", false, ranked);

    private static MatchStudent PriorityCare(int n, params Guid[] ranked) => new(StudentId(n), $"2026{n:000}", true, ranked);

    private static MatchMentor Mentor(Guid id, int capacity, int loadElsewhere = 0, bool teachesClass = false, params MatchStudent[] welcomed) =>
        new(id, capacity, loadElsewhere, teachesClass, welcomed.Select(s => s.Id).ToHashSet());

    private static Guid? MentorOf(MatchResult result, MatchStudent student) =>
        result.All.SingleOrDefault(p => p.StudentId == student.Id)?.MentorId;

    private static MatchPlacement PlacementOf(MatchResult result, MatchStudent student) =>
        result.All.Single(p => p.StudentId == student.Id);

    [Fact]
    public void First_choices_are_honoured_when_capacity_allows_R4()
    {
        var s1 = Student(1, A, B);
        var s2 = Student(2, B, A);
        var s3 = Student(3, C, A);
        var s4 = Student(4, A, C);

        var result = MentorMatching.Match([s1, s2, s3, s4], [Mentor(A, 2), Mentor(B, 1), Mentor(C, 1)]);

        result.Matched.ShouldBe(
        [
            new MatchPlacement(s1.Id, A, 1),
            new MatchPlacement(s2.Id, B, 1),
            new MatchPlacement(s3.Id, C, 1),
            new MatchPlacement(s4.Id, A, 1),
        ], ignoreOrder: true);
        result.AutoAssigned.ShouldBeEmpty();
        result.Unmatched.ShouldBeEmpty();
        result.Shortfall.ShouldBe(0);
    }

    [Fact]
    public void A_full_mentor_keeps_the_students_they_welcome_before_lower_student_numbers_R4()
    {
        var early = Student(1, A, B);
        var welcomed = Student(2, A, B);

        var result = MentorMatching.Match([early, welcomed], [Mentor(A, 1, welcomed: welcomed), Mentor(B, 5)]);

        PlacementOf(result, welcomed).ShouldBe(new MatchPlacement(welcomed.Id, A, 1));
        PlacementOf(result, early).ShouldBe(new MatchPlacement(early.Id, B, 2));
    }

    [Fact]
    public void A_full_mentor_keeps_priority_care_students_before_lower_student_numbers_R5()
    {
        var early = Student(1, A, B);
        var flagged = PriorityCare(2, A, B);

        var result = MentorMatching.Match([early, flagged], [Mentor(A, 1), Mentor(B, 5)]);

        MentorOf(result, flagged).ShouldBe(A);
        MentorOf(result, early).ShouldBe(B);
    }

    [Fact]
    public void A_full_mentor_keeps_welcomed_students_before_priority_care_students_R4_R5()
    {
        var flagged = PriorityCare(1, A, B);
        var welcomed = Student(2, A, B);

        var result = MentorMatching.Match([flagged, welcomed], [Mentor(A, 1, welcomed: welcomed), Mentor(B, 5)]);

        MentorOf(result, welcomed).ShouldBe(A);
        MentorOf(result, flagged).ShouldBe(B);
    }

    [Fact]
    public void A_full_mentor_keeps_a_welcomed_priority_care_student_before_a_welcomed_one_R4_R5()
    {
        var welcomed = Student(1, A, B);
        var welcomedAndFlagged = PriorityCare(2, A, B);

        var result = MentorMatching.Match([welcomed, welcomedAndFlagged],
            [Mentor(A, 1, welcomed: [welcomed, welcomedAndFlagged]), Mentor(B, 5)]);

        MentorOf(result, welcomedAndFlagged).ShouldBe(A);
        MentorOf(result, welcomed).ShouldBe(B);
    }

    [Fact]
    public void A_full_mentor_otherwise_keeps_the_lowest_student_numbers_R4()
    {
        var third = Student(3, A, B);
        var first = Student(1, A, B);
        var second = Student(2, A, B);

        var result = MentorMatching.Match([third, first, second], [Mentor(A, 2), Mentor(B, 5)]);

        MentorOf(result, first).ShouldBe(A);
        MentorOf(result, second).ShouldBe(A);
        PlacementOf(result, third).ShouldBe(new MatchPlacement(third.Id, B, 2));
    }

    [Fact]
    public void A_student_displaced_by_a_stronger_claim_falls_through_to_the_next_choice_R4()
    {
        // s1 proposes to A first and is held, then the welcomed s2 displaces s1, who moves on to B; B is full too
        // (s3 is welcomed there), so s1 ends with the third choice C.
        var s1 = Student(1, A, B, C);
        var s2 = Student(2, A);
        var s3 = Student(3, B);

        var result = MentorMatching.Match([s1, s2, s3], [Mentor(A, 1, welcomed: s2), Mentor(B, 1, welcomed: s3), Mentor(C, 1)]);

        PlacementOf(result, s2).ShouldBe(new MatchPlacement(s2.Id, A, 1));
        PlacementOf(result, s3).ShouldBe(new MatchPlacement(s3.Id, B, 1));
        PlacementOf(result, s1).ShouldBe(new MatchPlacement(s1.Id, C, 3));
        result.AutoAssigned.ShouldBeEmpty();
    }

    [Fact]
    public void A_student_refused_by_every_ranked_mentor_is_auto_assigned_R4()
    {
        var kept = Student(1, A);
        var refused = Student(2, A);

        var result = MentorMatching.Match([kept, refused], [Mentor(A, 1), Mentor(B, 1)]);

        result.Matched.ShouldBe([new MatchPlacement(kept.Id, A, 1)]);
        result.AutoAssigned.ShouldBe([new MatchPlacement(refused.Id, B, null)]);
    }

    [Fact]
    public void A_student_who_ranked_nobody_goes_to_the_least_loaded_mentor_counting_placements_here_R4()
    {
        // A has less load elsewhere, but two matched students here make A (0 + 2) busier than B (1 + 0).
        var s1 = Student(1, A);
        var s2 = Student(2, A);
        var unranked = Student(3);

        var result = MentorMatching.Match([s1, s2, unranked], [Mentor(A, 5, loadElsewhere: 0), Mentor(B, 5, loadElsewhere: 1)]);

        result.AutoAssigned.ShouldBe([new MatchPlacement(unranked.Id, B, null)]);
    }

    [Fact]
    public void Auto_assignment_goes_to_the_mentor_with_least_load_elsewhere_R4()
    {
        var unranked = Student(1);

        var result = MentorMatching.Match([unranked], [Mentor(A, 5, loadElsewhere: 4), Mentor(B, 5, loadElsewhere: 2), Mentor(C, 5, loadElsewhere: 3)]);

        result.AutoAssigned.ShouldBe([new MatchPlacement(unranked.Id, B, null)]);
    }

    [Fact]
    public void Auto_assignment_breaks_a_load_tie_in_favour_of_a_mentor_who_teaches_the_class_R4()
    {
        // A would win the id tie-break; teaching the class must win first.
        var unranked = Student(1);

        var result = MentorMatching.Match([unranked], [Mentor(A, 5, loadElsewhere: 2), Mentor(B, 5, loadElsewhere: 2, teachesClass: true)]);

        result.AutoAssigned.ShouldBe([new MatchPlacement(unranked.Id, B, null)]);
    }

    [Fact]
    public void Auto_assignment_prefers_lighter_load_over_teaching_the_class_R4()
    {
        var unranked = Student(1);

        var result = MentorMatching.Match([unranked], [Mentor(A, 5, loadElsewhere: 1), Mentor(B, 5, loadElsewhere: 2, teachesClass: true)]);

        result.AutoAssigned.ShouldBe([new MatchPlacement(unranked.Id, A, null)]);
    }

    [Fact]
    public void Auto_assignment_spreads_students_evenly_as_load_grows_R4()
    {
        var students = Enumerable.Range(1, 6).Select(n => Student(n)).ToList();

        var result = MentorMatching.Match(students, [Mentor(A, 10), Mentor(B, 10), Mentor(C, 10)]);

        result.AutoAssigned.Count.ShouldBe(6);
        result.AutoAssigned.GroupBy(p => p.MentorId).Select(g => g.Count()).ShouldAllBe(count => count == 2);
    }

    [Fact]
    public void Priority_care_students_are_auto_assigned_first_and_get_the_least_loaded_mentor_R5()
    {
        var ordinary = Student(1);
        var flagged = PriorityCare(2);

        var result = MentorMatching.Match([ordinary, flagged], [Mentor(A, 1, loadElsewhere: 0), Mentor(B, 1, loadElsewhere: 5)]);

        result.AutoAssigned.ShouldBe([new MatchPlacement(flagged.Id, A, null), new MatchPlacement(ordinary.Id, B, null)]);
    }

    [Fact]
    public void Priority_care_students_keep_the_last_place_when_capacity_is_short_R5()
    {
        var ordinary = Student(1);
        var flagged = PriorityCare(2);

        var result = MentorMatching.Match([ordinary, flagged], [Mentor(A, 1)]);

        result.AutoAssigned.ShouldBe([new MatchPlacement(flagged.Id, A, null)]);
        result.Unmatched.ShouldBe([ordinary.Id]);
    }

    [Fact]
    public void Leftover_students_are_reported_unmatched_and_no_mentor_goes_over_capacity_R3()
    {
        var students = Enumerable.Range(1, 6).Select(n => Student(n, A, B)).ToList();

        var result = MentorMatching.Match(students, [Mentor(A, 2), Mentor(B, 1)]);

        result.Matched.Count(p => p.MentorId == A).ShouldBe(2);
        result.Matched.Count(p => p.MentorId == B).ShouldBe(1);
        result.AutoAssigned.ShouldBeEmpty();
        result.Unmatched.ShouldBe([students[3].Id, students[4].Id, students[5].Id], ignoreOrder: true);
        result.Shortfall.ShouldBe(3);
    }

    [Fact]
    public void All_students_are_unmatched_when_there_are_no_mentors_R1()
    {
        var students = new[] { Student(1, A), Student(2) };

        var result = MentorMatching.Match(students, []);

        result.All.ShouldBeEmpty();
        result.Unmatched.ShouldBe(students.Select(s => s.Id), ignoreOrder: true);
        result.Shortfall.ShouldBe(2);
    }

    [Fact]
    public void No_students_give_an_empty_result()
    {
        var result = MentorMatching.Match([], [Mentor(A, 3)]);

        result.Matched.ShouldBeEmpty();
        result.AutoAssigned.ShouldBeEmpty();
        result.Unmatched.ShouldBeEmpty();
    }

    [Fact]
    public void A_mentor_without_room_gets_nobody_even_when_ranked_first_or_least_loaded_R3()
    {
        var ranked = Student(1, A, B);
        var unranked = Student(2);
        var welcomed = Student(3, A);

        var result = MentorMatching.Match([ranked, unranked, welcomed],
            [Mentor(A, 0, loadElsewhere: 0, teachesClass: true, welcomed: welcomed), Mentor(B, 5, loadElsewhere: 9)]);

        result.All.ShouldNotContain(p => p.MentorId == A);
        PlacementOf(result, ranked).ShouldBe(new MatchPlacement(ranked.Id, B, 2));
        PlacementOf(result, unranked).ShouldBe(new MatchPlacement(unranked.Id, B, null));
        PlacementOf(result, welcomed).ShouldBe(new MatchPlacement(welcomed.Id, B, null));
    }

    [Fact]
    public void Students_are_unmatched_when_every_mentor_has_capacity_zero_R3()
    {
        var s1 = Student(1, A);
        var s2 = Student(2);

        var result = MentorMatching.Match([s1, s2], [Mentor(A, 0), Mentor(B, 0)]);

        result.All.ShouldBeEmpty();
        result.Unmatched.ShouldBe([s1.Id, s2.Id], ignoreOrder: true);
    }

    [Fact]
    public void Duplicate_mentor_ids_in_a_ranking_are_ignored_R4()
    {
        // Were the duplicate honoured, s2 would propose to A twice; instead it moves on to B, its second distinct choice.
        var s1 = PriorityCare(1, A);
        var s2 = Student(2, A, A, B);

        var result = MentorMatching.Match([s1, s2], [Mentor(A, 1), Mentor(B, 1)]);

        PlacementOf(result, s1).ShouldBe(new MatchPlacement(s1.Id, A, 1));
        PlacementOf(result, s2).ShouldBe(new MatchPlacement(s2.Id, B, 2));
    }

    [Fact]
    public void Unknown_mentor_ids_in_a_ranking_are_ignored_R4()
    {
        var stranger = MentorId(99);
        var s1 = Student(1, stranger, B);
        var s2 = Student(2, stranger);

        var result = MentorMatching.Match([s1, s2], [Mentor(A, 5), Mentor(B, 5, loadElsewhere: 3)]);

        result.All.ShouldNotContain(p => p.MentorId == stranger);
        PlacementOf(result, s1).MentorId.ShouldBe(B);
        PlacementOf(result, s1).ChoiceRank.ShouldNotBeNull();
        PlacementOf(result, s2).ShouldBe(new MatchPlacement(s2.Id, A, null));
    }

    [Fact]
    public void Choice_rank_is_the_one_based_position_of_the_mentor_in_the_ranking_R4()
    {
        var first = Student(1, A);
        var second = Student(2, B);
        var third = Student(3, A, B, C);
        var unranked = Student(4);

        var result = MentorMatching.Match([first, second, third, unranked], [Mentor(A, 1), Mentor(B, 1), Mentor(C, 2)]);

        PlacementOf(result, first).ChoiceRank.ShouldBe(1);
        PlacementOf(result, second).ChoiceRank.ShouldBe(1);
        PlacementOf(result, third).ChoiceRank.ShouldBe(3);
        PlacementOf(result, unranked).ChoiceRank.ShouldBeNull();
        result.Matched.ShouldAllBe(p => p.ChoiceRank != null);
        result.AutoAssigned.ShouldAllBe(p => p.ChoiceRank == null);
    }

    [Fact]
    public void Students_are_compared_by_student_number_in_ordinal_order_then_by_id_R4()
    {
        // Same student number: the lower id wins the tie.
        var lowId = new MatchStudent(StudentId(1), "2026001", false, [A, B]);
        var highId = new MatchStudent(StudentId(2), "2026001", false, [A, B]);

        var result = MentorMatching.Match([highId, lowId], [Mentor(A, 1), Mentor(B, 1)]);

        MentorOf(result, lowId).ShouldBe(A);
        MentorOf(result, highId).ShouldBe(B);
    }

    [Fact]
    public void The_same_input_always_gives_the_same_result_R4()
    {
        MatchStudent[] students = [Student(3, A, B), PriorityCare(1, A), Student(2), Student(4, C, A)];
        MatchMentor[] mentors = [Mentor(A, 1), Mentor(B, 1, loadElsewhere: 2), Mentor(C, 1, teachesClass: true)];

        var first = MentorMatching.Match(students, mentors);
        var second = MentorMatching.Match([.. students.Reverse()], [.. mentors.Reverse()]);

        second.Matched.ShouldBe(first.Matched);
        second.AutoAssigned.ShouldBe(first.AutoAssigned);
        second.Unmatched.ShouldBe(first.Unmatched);
    }
}
