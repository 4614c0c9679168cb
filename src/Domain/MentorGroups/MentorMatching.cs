namespace MentorCloud.Domain.MentorGroups;

/// <summary>A student taking part in matching, with their ranked mentors (most wanted first).</summary>
public sealed record MatchStudent(Guid Id, string StudentNo, bool IsPriorityCare, IReadOnlyList<Guid> RankedMentorIds);

/// <summary>
/// A mentor taking part in matching: how many more mentees they may take here (R3), how many they already have
/// elsewhere in the semester, whether they teach the class, and whom they welcome.
/// </summary>
public sealed record MatchMentor(Guid Id, int Capacity, int LoadElsewhere, bool TeachesClass, IReadOnlySet<Guid> WelcomedStudentIds);

/// <summary>One student's result: the mentor, and the rank of that mentor in the student's list (1 = first choice) or null when auto-assigned.</summary>
public sealed record MatchPlacement(Guid StudentId, Guid MentorId, int? ChoiceRank);

/// <summary>The outcome of a matching run.</summary>
public sealed record MatchResult(IReadOnlyList<MatchPlacement> Matched, IReadOnlyList<MatchPlacement> AutoAssigned, IReadOnlyList<Guid> Unmatched)
{
    public IEnumerable<MatchPlacement> All => Matched.Concat(AutoAssigned);

    /// <summary>How many more places would be needed to place every student.</summary>
    public int Shortfall => Unmatched.Count;
}

/// <summary>
/// Two-way selection (双向选择, R4): student-proposing deferred acceptance (Gale–Shapley) with capacities, so the
/// result is stable and best for students among stable results. Each mentor ranks welcomed students first,
/// then priority-care students (R5), then by student number. Students who ranked nobody, or were refused
/// everywhere, go to the least-loaded mentor with room, preferring mentors who teach the class. Pure and
/// deterministic: the same input always gives the same output, and no capacity is ever exceeded.
/// </summary>
public static class MentorMatching
{
    public static MatchResult Match(IReadOnlyList<MatchStudent> students, IReadOnlyList<MatchMentor> mentors)
    {
        var mentorIndex = new Dictionary<Guid, int>(mentors.Count);
        for (var m = 0; m < mentors.Count; m++) mentorIndex[mentors[m].Id] = m;

        // Students in a fixed order so every tie is broken the same way.
        var order = Enumerable.Range(0, students.Count)
            .OrderBy(s => students[s].StudentNo, StringComparer.Ordinal).ThenBy(s => students[s].Id).ToArray();

        var held = new List<int>[mentors.Count];
        for (var m = 0; m < mentors.Count; m++) held[m] = new List<int>(Math.Max(0, mentors[m].Capacity) + 1);

        var preferences = new int[students.Count][];
        var nextProposal = new int[students.Count];
        var free = new Queue<int>();
        foreach (var s in order)
        {
            preferences[s] = students[s].RankedMentorIds.Distinct()
                .Where(mentorIndex.ContainsKey).Select(id => mentorIndex[id]).ToArray();
            free.Enqueue(s);
        }

        int Priority(int mentor, int student) =>
            (mentors[mentor].WelcomedStudentIds.Contains(students[student].Id) ? 0 : 2) + (students[student].IsPriorityCare ? 0 : 1);

        int CompareForMentor(int mentor, int a, int b)
        {
            var byPriority = Priority(mentor, a).CompareTo(Priority(mentor, b));
            if (byPriority != 0) return byPriority;
            var byNumber = string.CompareOrdinal(students[a].StudentNo, students[b].StudentNo);
            return byNumber != 0 ? byNumber : students[a].Id.CompareTo(students[b].Id);
        }

        var placed = new int?[students.Count];
        while (free.Count > 0)
        {
            var student = free.Dequeue();
            if (nextProposal[student] >= preferences[student].Length) continue;
            var mentor = preferences[student][nextProposal[student]++];
            var capacity = mentors[mentor].Capacity;
            if (capacity <= 0)
            {
                free.Enqueue(student);
                continue;
            }

            var list = held[mentor];
            var at = list.FindIndex(other => CompareForMentor(mentor, student, other) < 0);
            list.Insert(at < 0 ? list.Count : at, student);
            placed[student] = mentor;
            if (list.Count > capacity)
            {
                var rejected = list[^1];
                list.RemoveAt(list.Count - 1);
                placed[rejected] = null;
                free.Enqueue(rejected);
            }
        }

        var matched = new List<MatchPlacement>();
        var load = new int[mentors.Count];
        foreach (var s in order)
        {
            if (placed[s] is not { } m) continue;
            load[m]++;
            matched.Add(new MatchPlacement(students[s].Id, mentors[m].Id, Array.IndexOf(preferences[s], m) + 1));
        }

        // Auto-assignment: priority-care students first, each to the least-loaded mentor with room.
        var autoAssigned = new List<MatchPlacement>();
        var unmatched = new List<Guid>();
        foreach (var s in order.Where(s => placed[s] is null).OrderBy(s => students[s].IsPriorityCare ? 0 : 1))
        {
            var best = -1;
            for (var m = 0; m < mentors.Count; m++)
            {
                if (load[m] >= mentors[m].Capacity) continue;
                if (best < 0 || IsBetterForAutoAssignment(m, best)) best = m;
            }
            if (best < 0)
            {
                unmatched.Add(students[s].Id);
                continue;
            }
            load[best]++;
            autoAssigned.Add(new MatchPlacement(students[s].Id, mentors[best].Id, null));
        }

        return new MatchResult(matched, autoAssigned, unmatched);

        bool IsBetterForAutoAssignment(int candidate, int current)
        {
            var candidateLoad = mentors[candidate].LoadElsewhere + load[candidate];
            var currentLoad = mentors[current].LoadElsewhere + load[current];
            if (candidateLoad != currentLoad) return candidateLoad < currentLoad;
            if (mentors[candidate].TeachesClass != mentors[current].TeachesClass) return mentors[candidate].TeachesClass;
            return mentors[candidate].Id.CompareTo(mentors[current].Id) < 0;
        }
    }
}
