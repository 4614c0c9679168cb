using MentorCloud.Application.Progress;
using MentorCloud.Domain.Districts;

namespace MentorCloud.Application.Districts.Statistics;

/// <summary>A semester at district level: the label the schools share, from the earliest start to the latest end among them.</summary>
public sealed record DistrictSemesterDto(string Label, DateOnly StartsOn, DateOnly EndsOn);

public sealed record DistrictMentorLoadDto(decimal? Average, int? Maximum, int? CapViolations);

public sealed record DistrictThreeOnesDto(decimal? Talks, decimal? ParentContacts, decimal? Evaluations, decimal? All);

public sealed record DistrictParentContactModesDto(int? HomeVisit, int? FaceToFace, int? Phone, int? Online);

public sealed record DistrictMonthlyReportsDto(int? Required, int? Submitted, decimal? Rate);

public sealed record DistrictPriorityCareDto(int? Students, int? WithTalk);

public sealed record DistrictEvaluationsDto(int? Count, decimal? Care, decimal? Guidance, decimal? Communication, decimal? Overall);

/// <summary>
/// The R13 figures of a school or of the district. A figure is <c>null</c> when there is nothing to count (a rate of no
/// students) or when it is suppressed; the suppressed ones are named in the entry's <c>suppressedFigures</c>.
/// </summary>
public sealed record DistrictFiguresDto(
    int? Students,
    int? Teachers,
    int? ActiveMentors,
    decimal? Coverage,
    DistrictMentorLoadDto MentorLoad,
    DistrictThreeOnesDto ThreeOnes,
    DistrictParentContactModesDto ParentContactModes,
    DistrictMonthlyReportsDto MonthlyReports,
    DistrictPriorityCareDto PriorityCare,
    DistrictEvaluationsDto Evaluations,
    int? OverdueDuties);

/// <summary>One school's figures in the semester; <c>suppressed</c> is true when any of them is withheld (named in <c>suppressedFigures</c>).</summary>
public sealed record DistrictSchoolStatisticsDto(
    string School,
    string Name,
    DateOnly SemesterStartsOn,
    DateOnly SemesterEndsOn,
    DateOnly AsOf,
    DateTimeOffset GeneratedAt,
    DistrictFiguresDto Figures,
    bool Suppressed,
    IReadOnlyList<string> SuppressedFigures);

/// <summary>The district's figures over its schools' figures in a semester, with the same and complementary suppression.</summary>
public sealed record DistrictTotalsDto(int Schools, DistrictFiguresDto Figures, bool Suppressed, IReadOnlyList<string> SuppressedFigures);

/// <summary>A past semester's district totals, oldest first.</summary>
public sealed record DistrictTrendPointDto(DistrictSemesterDto Semester, DateTimeOffset GeneratedAt, DistrictTotalsDto Totals);

/// <summary>The latest district rollup of a semester (R13): one entry per school, the totals, and the totals of the semesters before it.</summary>
public sealed record DistrictStatisticsDto(
    DateTimeOffset? GeneratedAt,
    DistrictSemesterDto? Semester,
    IReadOnlyList<string> Semesters,
    IReadOnlyList<DistrictSchoolStatisticsDto> Schools,
    DistrictTotalsDto? Totals,
    IReadOnlyList<DistrictTrendPointDto> Trend);

/// <summary>A stored snapshot with its school's code and name, as the report reads it.</summary>
public sealed record SchoolSnapshot(string School, string Name, DistrictStatisticsSnapshot Snapshot);

/// <summary>
/// Turns stored snapshots into the district's report, withholding small groups so no child can be singled out:
/// <list type="bullet">
/// <item>a figure is suppressed when a group of students it counts or is based on has 1 to 4 members (zero singles out nobody);</item>
/// <item>a district total is suppressed when the schools whose figure is suppressed hold, together, 1 to 4 students of
/// that group, since the total minus the other schools would give them away (always so when exactly one school's figure is suppressed).</item>
/// </list>
/// </summary>
public static class DistrictStatisticsReport
{
    public const int MinimumGroup = 5;

    /// <summary>A figure: its name (the JSON path in <see cref="DistrictFiguresDto"/>), its value, and the student groups it reveals.</summary>
    public sealed record Figure(string Name, Func<SchoolFigures, decimal?> Value, params Func<SchoolFigures, int>[] Groups);

    private static int Students(SchoolFigures f) => f.Students;

    private static int EvaluationCount(SchoolFigures f) => f.EvaluationCount;

    /// <summary>Every figure, in report and export order.</summary>
    public static readonly IReadOnlyList<Figure> Figures =
    [
        new("students", f => f.Students, Students),
        new("teachers", f => f.Teachers),
        new("activeMentors", f => f.ActiveMentors),
        new("coverage", f => StatisticsMath.Percent(f.CoveredStudents, f.Students), Students),
        new("mentorLoad.average", f => StatisticsMath.Average(f.MentorPlaces, f.ActiveMentors, 1), Students),
        new("mentorLoad.maximum", f => f.MentorLoadMaximum, Students),
        new("mentorLoad.capViolations", f => f.CapViolations, Students),
        new("threeOnes.talks", f => StatisticsMath.Percent(f.TalksMet, f.Students), Students),
        new("threeOnes.parentContacts", f => StatisticsMath.Percent(f.ParentContactsMet, f.Students), Students),
        new("threeOnes.evaluations", f => StatisticsMath.Percent(f.EvaluationsMet, f.Students), Students),
        new("threeOnes.all", f => StatisticsMath.Percent(f.ThreeOnesMet, f.Students), Students),
        new("parentContactModes.homeVisit", f => f.HomeVisits, Students),
        new("parentContactModes.faceToFace", f => f.FaceToFaceContacts, Students),
        new("parentContactModes.phone", f => f.PhoneContacts, Students),
        new("parentContactModes.online", f => f.OnlineContacts, Students),
        new("monthlyReports.required", f => f.ReportsRequired, Students),
        new("monthlyReports.submitted", f => f.ReportsSubmitted, Students),
        new("monthlyReports.rate", f => StatisticsMath.Percent(f.ReportsSubmitted, f.ReportsRequired), Students),
        new("priorityCare.students", f => f.PriorityCareStudents, f => f.PriorityCareStudents),
        // Those with a talk and those without are both groups of children.
        new("priorityCare.withTalk", f => f.PriorityCareWithTalk, f => f.PriorityCareWithTalk, f => f.PriorityCareStudents - f.PriorityCareWithTalk),
        new("evaluations.count", f => f.EvaluationCount, EvaluationCount),
        new("evaluations.care", f => StatisticsMath.Average(f.CareScoreSum, f.EvaluationCount, 2), EvaluationCount),
        new("evaluations.guidance", f => StatisticsMath.Average(f.GuidanceScoreSum, f.EvaluationCount, 2), EvaluationCount),
        new("evaluations.communication", f => StatisticsMath.Average(f.CommunicationScoreSum, f.EvaluationCount, 2), EvaluationCount),
        new("evaluations.overall", f => StatisticsMath.Average(f.CareScoreSum + f.GuidanceScoreSum + f.CommunicationScoreSum, 3 * f.EvaluationCount, 2), EvaluationCount),
        new("overdueDuties", f => f.OverdueDuties, Students),
    ];

    public static bool IsSmall(int group) => group is > 0 and < MinimumGroup;

    /// <summary>The figures of one school withheld because a group they reveal is small.</summary>
    public static IReadOnlyList<string> SuppressedIn(SchoolFigures figures) =>
        [.. Figures.Where(f => f.Groups.Any(g => IsSmall(g(figures)))).Select(f => f.Name)];

    /// <summary>The district's sums: counts and score sums add up; the maximum load is the largest; a cap is the schools' own and has no total.</summary>
    public static SchoolFigures Sum(IReadOnlyCollection<SchoolFigures> schools)
    {
        object total = new SchoolFigures();
        foreach (var property in typeof(SchoolFigures).GetProperties())
        {
            var values = schools.Select(s => (int)property.GetValue(s)!).DefaultIfEmpty(0);
            var value = property.Name switch
            {
                nameof(SchoolFigures.MentorLoadMaximum) or nameof(SchoolFigures.MentorLoadCap) => values.Max(),
                _ => values.Sum(),
            };
            property.SetValue(total, value);
        }
        return (SchoolFigures)total;
    }

    /// <summary>The totals of the schools' figures, suppressed where small or where the suppressed schools' share would be small.</summary>
    public static DistrictTotalsDto Totals(IReadOnlyCollection<SchoolFigures> schools)
    {
        var total = Sum(schools);
        var perSchool = schools.Select(s => (Figures: s, Suppressed: SuppressedIn(s))).ToList();
        var suppressed = Figures.Where(f =>
                f.Groups.Any(g => IsSmall(g(total)))
                || f.Groups.Any(g => IsSmall(perSchool.Where(s => s.Suppressed.Contains(f.Name)).Sum(s => g(s.Figures)))))
            .Select(f => f.Name).ToList();
        return new DistrictTotalsDto(schools.Count, ToDto(total, suppressed), suppressed.Count > 0, suppressed);
    }

    public static DistrictSchoolStatisticsDto School(SchoolSnapshot school)
    {
        var snapshot = school.Snapshot;
        var suppressed = SuppressedIn(snapshot.Figures);
        return new DistrictSchoolStatisticsDto(school.School, school.Name, snapshot.SemesterStartsOn, snapshot.SemesterEndsOn, snapshot.AsOf,
            snapshot.GeneratedAt, ToDto(snapshot.Figures, suppressed), suppressed.Count > 0, suppressed);
    }

    /// <summary>Each figure's value, or null when it is withheld.</summary>
    public static IReadOnlyDictionary<string, decimal?> Values(SchoolFigures figures, IReadOnlyCollection<string> suppressed) =>
        Figures.ToDictionary(f => f.Name, f => suppressed.Contains(f.Name) ? null : f.Value(figures), StringComparer.Ordinal);

    private static DistrictFiguresDto ToDto(SchoolFigures figures, IReadOnlyCollection<string> suppressed)
    {
        var v = Values(figures, suppressed);
        int? I(string name) => v[name] is { } value ? (int)value : null;
        return new DistrictFiguresDto(
            I("students"), I("teachers"), I("activeMentors"), v["coverage"],
            new DistrictMentorLoadDto(v["mentorLoad.average"], I("mentorLoad.maximum"), I("mentorLoad.capViolations")),
            new DistrictThreeOnesDto(v["threeOnes.talks"], v["threeOnes.parentContacts"], v["threeOnes.evaluations"], v["threeOnes.all"]),
            new DistrictParentContactModesDto(I("parentContactModes.homeVisit"), I("parentContactModes.faceToFace"), I("parentContactModes.phone"),
                I("parentContactModes.online")),
            new DistrictMonthlyReportsDto(I("monthlyReports.required"), I("monthlyReports.submitted"), v["monthlyReports.rate"]),
            new DistrictPriorityCareDto(I("priorityCare.students"), I("priorityCare.withTalk")),
            new DistrictEvaluationsDto(I("evaluations.count"), v["evaluations.care"], v["evaluations.guidance"], v["evaluations.communication"],
                v["evaluations.overall"]),
            I("overdueDuties"));
    }

    /// <summary>The report of <paramref name="label"/> (the latest semester when null) from all of the district's snapshots; null when the label is unknown.</summary>
    public static DistrictStatisticsDto? Build(IReadOnlyCollection<SchoolSnapshot> snapshots, string? label)
    {
        var semesters = snapshots.GroupBy(s => s.Snapshot.SemesterLabel, StringComparer.Ordinal)
            .Select(g => (Semester: new DistrictSemesterDto(g.Key, g.Min(s => s.Snapshot.SemesterStartsOn), g.Max(s => s.Snapshot.SemesterEndsOn)), Schools: g.ToList()))
            .OrderBy(s => s.Semester.StartsOn).ThenBy(s => s.Semester.Label, StringComparer.Ordinal)
            .ToList();
        if (semesters.Count == 0) return label is null ? new DistrictStatisticsDto(null, null, [], [], null, []) : null;
        var index = label is null ? semesters.Count - 1 : semesters.FindIndex(s => s.Semester.Label == label.Trim());
        if (index < 0) return null;

        var chosen = semesters[index];
        var trend = semesters.Take(index)
            .Select(s => new DistrictTrendPointDto(s.Semester, s.Schools.Max(x => x.Snapshot.GeneratedAt), Totals([.. s.Schools.Select(x => x.Snapshot.Figures)])))
            .ToList();
        return new DistrictStatisticsDto(
            chosen.Schools.Max(s => s.Snapshot.GeneratedAt),
            chosen.Semester,
            [.. semesters.Select(s => s.Semester.Label)],
            [.. chosen.Schools.OrderBy(s => s.School, StringComparer.Ordinal).Select(School)],
            Totals([.. chosen.Schools.Select(s => s.Snapshot.Figures)]),
            trend);
    }
}
