using MentorCloud.Domain.MentorGroups;

namespace MentorCloud.Domain.UnitTests;

/// <summary>
/// Properties of two-way selection (R4) checked on 300 random instances, each generated from its own seed so a
/// failure names the seed that reproduces it.
/// </summary>
public sealed class MentorMatchingPropertyTests
{
    private const int Cases = 300;

    private sealed record Instance(int Seed, IReadOnlyList<MatchStudent> Students, IReadOnlyList<MatchMentor> Mentors)
    {
        public int TotalCapacity => Mentors.Sum(m => Math.Max(0, m.Capacity));

        public override string ToString() => $"seed {Seed} ({Students.Count} students, {Mentors.Count} mentors, capacity {TotalCapacity})";
    }

    private static Guid NextGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static Instance Generate(int seed)
    {
        var random = new Random(seed);
        var mentorIds = Enumerable.Range(0, random.Next(0, 13)).Select(_ => NextGuid(random)).ToList();
        var maxPreferences = random.Next(0, 5);

        var students = new List<MatchStudent>();
        for (var i = random.Next(0, 81); i > 0; i--)
        {
            // Short numbers from a small alphabet, so equal student numbers (tie-broken by id) occur too.
            var number = new string([.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => (char)('0' + random.Next(0, 10)))]);
            var ranked = mentorIds.OrderBy(_ => random.Next()).Take(random.Next(0, maxPreferences + 1)).ToList();
            if (random.Next(10) == 0) ranked.Insert(random.Next(ranked.Count + 1), NextGuid(random));     // unknown mentor
            if (ranked.Count > 0 && random.Next(20) == 0) ranked.Add(ranked[random.Next(ranked.Count)]); // duplicate
            students.Add(new MatchStudent(NextGuid(random), number, random.Next(10) == 0, ranked));
        }

        var mentors = mentorIds.Select(id => new MatchMentor(id, random.Next(0, 7), random.Next(0, 11), random.Next(2) == 0,
            students.Where(_ => random.Next(8) == 0).Select(s => s.Id).ToHashSet())).ToList();
        return new Instance(seed, students, mentors);
    }

    /// <summary>The mentors a student ranked, in order, as matching reads them: known ids, each once.</summary>
    private static List<Guid> EffectiveRanking(MatchStudent student, IReadOnlyList<MatchMentor> mentors) =>
        [.. student.RankedMentorIds.Distinct().Where(id => mentors.Any(m => m.Id == id))];

    /// <summary>A mentor's order of students (R4, R5): welcomed first, then priority care, then student number, then id.</summary>
    private static int CompareForMentor(MatchMentor mentor, MatchStudent a, MatchStudent b)
    {
        var byWelcome = mentor.WelcomedStudentIds.Contains(b.Id).CompareTo(mentor.WelcomedStudentIds.Contains(a.Id));
        if (byWelcome != 0) return byWelcome;
        var byCare = b.IsPriorityCare.CompareTo(a.IsPriorityCare);
        if (byCare != 0) return byCare;
        var byNumber = string.CompareOrdinal(a.StudentNo, b.StudentNo);
        return byNumber != 0 ? byNumber : a.Id.CompareTo(b.Id);
    }

    /// <summary>Runs <paramref name="check"/> on every seed and fails once, listing every seed that broke it.</summary>
    private static void ForAllSeeds(Action<Instance, MatchResult> check)
    {
        var failures = new List<string>();
        for (var seed = 0; seed < Cases; seed++)
        {
            var instance = Generate(seed);
            try
            {
                check(instance, MentorMatching.Match(instance.Students, instance.Mentors));
            }
            catch (ShouldAssertException ex)
            {
                failures.Add($"{instance}: {ex.Message}");
            }
        }

        failures.ShouldBeEmpty(string.Join(Environment.NewLine, failures.Take(5)));
    }

    [Fact]
    public void The_generator_covers_the_interesting_cases()
    {
        var instances = Enumerable.Range(0, Cases).Select(Generate).ToList();
        var results = instances.Select(i => MentorMatching.Match(i.Students, i.Mentors)).ToList();

        instances.ShouldContain(i => i.Students.Count == 0);
        instances.ShouldContain(i => i.Mentors.Count == 0 && i.Students.Count > 0);
        instances.ShouldContain(i => i.Students.Count > i.TotalCapacity);
        instances.ShouldContain(i => i.Students.Count > 0 && i.Students.Count <= i.TotalCapacity);
        instances.ShouldContain(i => i.Students.Any(s => s.IsPriorityCare));
        instances.ShouldContain(i => i.Students.GroupBy(s => s.StudentNo).Any(g => g.Count() > 1));
        instances.ShouldContain(i => i.Mentors.Any(m => m.Capacity == 0));
        results.ShouldContain(r => r.Matched.Any(p => p.ChoiceRank > 1));
        results.ShouldContain(r => r.AutoAssigned.Count > 0 && r.Matched.Count > 0);
        results.ShouldContain(r => r.Unmatched.Count > 0 && r.Matched.Count > 0);
    }

    [Fact]
    public void No_mentor_gets_more_students_than_their_capacity_R3() => ForAllSeeds((instance, result) =>
    {
        foreach (var mentor in instance.Mentors)
            result.All.Count(p => p.MentorId == mentor.Id).ShouldBeLessThanOrEqualTo(Math.Max(0, mentor.Capacity), $"mentor {mentor.Id}");
        result.All.ShouldAllBe(p => instance.Mentors.Any(m => m.Id == p.MentorId));
    });

    [Fact]
    public void Every_student_is_matched_auto_assigned_or_unmatched_exactly_once_R1() => ForAllSeeds((instance, result) =>
    {
        var outcomes = result.Matched.Select(p => p.StudentId)
            .Concat(result.AutoAssigned.Select(p => p.StudentId))
            .Concat(result.Unmatched).ToList();

        outcomes.ShouldBe(instance.Students.Select(s => s.Id), ignoreOrder: true);
        result.Shortfall.ShouldBe(result.Unmatched.Count);
    });

    [Fact]
    public void Students_are_left_unmatched_only_when_all_capacity_is_used_R1_R3() => ForAllSeeds((instance, result) =>
    {
        var expected = Math.Max(0, instance.Students.Count - instance.TotalCapacity);
        result.Unmatched.Count.ShouldBe(expected);
    });

    [Fact]
    public void Placements_carry_the_rank_of_the_mentor_in_the_students_list_or_none_when_auto_assigned_R4() => ForAllSeeds((instance, result) =>
    {
        var byId = instance.Students.ToDictionary(s => s.Id);
        foreach (var placement in result.Matched)
        {
            var ranking = EffectiveRanking(byId[placement.StudentId], instance.Mentors);
            placement.ChoiceRank.ShouldBe(ranking.IndexOf(placement.MentorId) + 1, $"student {placement.StudentId}");
            ranking.ShouldContain(placement.MentorId);
        }
        result.AutoAssigned.ShouldAllBe(p => p.ChoiceRank == null);
    });

    [Fact]
    public void The_result_has_no_blocking_pair_so_it_is_stable_R4() => ForAllSeeds((instance, result) =>
    {
        // Auto-assigned students count as held by their mentor: they take room a refused student might want.
        var held = instance.Mentors.ToDictionary(m => m.Id, _ => new List<MatchStudent>());
        var studentsById = instance.Students.ToDictionary(s => s.Id);
        foreach (var placement in result.All) held[placement.MentorId].Add(studentsById[placement.StudentId]);
        var matchedRank = result.Matched.ToDictionary(p => p.StudentId, p => p.ChoiceRank!.Value);

        foreach (var student in instance.Students)
        {
            var ranking = EffectiveRanking(student, instance.Mentors);
            var preferredCount = matchedRank.TryGetValue(student.Id, out var rank) ? rank - 1 : ranking.Count;
            foreach (var mentorId in ranking.Take(preferredCount))
            {
                var mentor = instance.Mentors.Single(m => m.Id == mentorId);
                held[mentorId].Count.ShouldBeGreaterThanOrEqualTo(Math.Max(0, mentor.Capacity),
                    $"student {student.Id} prefers mentor {mentorId}, who has room left");
                var weaker = held[mentorId].FirstOrDefault(other => CompareForMentor(mentor, other, student) > 0);
                weaker.ShouldBeNull($"student {student.Id} prefers mentor {mentorId}, who holds weaker student {weaker?.Id}");
            }
        }
    });

    [Fact]
    public void Auto_assignment_never_goes_to_a_mentor_the_student_was_refused_by_R4() => ForAllSeeds((instance, result) =>
    {
        var byId = instance.Students.ToDictionary(s => s.Id);
        foreach (var placement in result.AutoAssigned)
            EffectiveRanking(byId[placement.StudentId], instance.Mentors).ShouldNotContain(placement.MentorId);
    });

    [Fact]
    public void The_same_input_gives_the_same_result_R4() => ForAllSeeds((instance, result) =>
    {
        var again = MentorMatching.Match(instance.Students, instance.Mentors);

        again.Matched.ShouldBe(result.Matched);
        again.AutoAssigned.ShouldBe(result.AutoAssigned);
        again.Unmatched.ShouldBe(result.Unmatched);
    });

    [Fact]
    public void Shuffling_students_and_mentors_does_not_change_the_placements_R4() => ForAllSeeds((instance, result) =>
    {
        var random = new Random(instance.Seed + 10_000);
        var shuffled = MentorMatching.Match(
            [.. instance.Students.OrderBy(_ => random.Next())],
            [.. instance.Mentors.OrderBy(_ => random.Next())]);

        shuffled.Matched.ShouldBe(result.Matched, ignoreOrder: true);
        shuffled.AutoAssigned.ShouldBe(result.AutoAssigned, ignoreOrder: true);
        shuffled.Unmatched.ShouldBe(result.Unmatched, ignoreOrder: true);
    });
}
