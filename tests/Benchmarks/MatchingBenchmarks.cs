using BenchmarkDotNet.Attributes;
using MentorCloud.Domain.MentorGroups;

namespace MentorCloud.Benchmarks;

/// <summary>
/// Two-way selection (R4) for a whole grade at once, the largest run a school could ask for: every student
/// ranks 3 mentors, 10% are priority care (R5), mentors have 15 places less 0–3 mentees elsewhere (R3) and welcome
/// about 5 students each. Target: under 50 ms for 2,000 students.
/// </summary>
[MemoryDiagnoser]
public class MatchingBenchmarks
{
    private MatchStudent[] _students = [];
    private MatchMentor[] _mentors = [];

    /// <summary>Students in the grade; mentors scale with it at about 1 to 13.3 (500 → 38, 1,000 → 75, 2,000 → 150).</summary>
    [Params(500, 1000, 2000)]
    public int Students { get; set; }

    public int Mentors => (int)Math.Round(Students * 0.075, MidpointRounding.AwayFromZero);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20260901);
        var mentorIds = Enumerable.Range(0, Mentors).Select(_ => NextGuid(random)).ToArray();

        _students = new MatchStudent[Students];
        for (var i = 0; i < Students; i++)
        {
            var ranked = new List<Guid>(3);
            while (ranked.Count < 3)
            {
                // Squaring skews choices toward the first mentors: popular mentors are over-asked, so proposals get refused.
                var pick = mentorIds[(int)(Math.Pow(random.NextDouble(), 2) * mentorIds.Length)];
                if (!ranked.Contains(pick)) ranked.Add(pick);
            }
            _students[i] = new MatchStudent(NextGuid(random), $"2026{i:00000}", random.Next(10) == 0, ranked);
        }

        _mentors = new MatchMentor[Mentors];
        for (var m = 0; m < Mentors; m++)
        {
            var loadElsewhere = random.Next(0, 4);
            var welcomed = Enumerable.Range(0, 5).Select(_ => _students[random.Next(Students)].Id).ToHashSet();
            _mentors[m] = new MatchMentor(mentorIds[m], 15 - loadElsewhere, loadElsewhere, random.Next(5) == 0, welcomed);
        }
    }

    [Benchmark]
    public MatchResult MatchWholeGrade() => MentorMatching.Match(_students, _mentors);

    private static Guid NextGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
