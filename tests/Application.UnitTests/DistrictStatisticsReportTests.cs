using MentorCloud.Application.Districts.Statistics;
using MentorCloud.Domain.Districts;

namespace MentorCloud.Application.UnitTests;

/// <summary>Small-group suppression of the district rollup (R13), in a school's entry and in the district totals.</summary>
public sealed class DistrictStatisticsReportTests
{
    private static SchoolFigures School(int students, int priority = 0, int withTalk = 0, int evaluations = 0) => new()
    {
        Students = students, Teachers = 3, ActiveMentors = 2, CoveredStudents = students, MentorPlaces = students, MentorLoadMaximum = students,
        TalksMet = students / 2, PriorityCareStudents = priority, PriorityCareWithTalk = withTalk,
        EvaluationCount = evaluations, CareScoreSum = 5 * evaluations, GuidanceScoreSum = 4 * evaluations, CommunicationScoreSum = 3 * evaluations,
    };

    [Fact]
    public void A_group_of_one_to_four_students_is_withheld_zero_and_five_are_shown()
    {
        DistrictStatisticsReport.SuppressedIn(School(40, priority: 0, evaluations: 5)).ShouldBeEmpty();
        DistrictStatisticsReport.SuppressedIn(School(40, priority: 4, withTalk: 0)).ShouldBe(["priorityCare.students", "priorityCare.withTalk"]);
        DistrictStatisticsReport.SuppressedIn(School(40, priority: 4, withTalk: 4)).ShouldBe(["priorityCare.students", "priorityCare.withTalk"]);
        DistrictStatisticsReport.SuppressedIn(School(40, evaluations: 1)).ShouldBe(
            ["evaluations.count", "evaluations.care", "evaluations.guidance", "evaluations.communication", "evaluations.overall"]);
    }

    [Fact]
    public void Those_with_a_talk_are_withheld_when_they_or_those_without_are_fewer_than_five()
    {
        DistrictStatisticsReport.SuppressedIn(School(40, priority: 10, withTalk: 7)).ShouldBe(["priorityCare.withTalk"]); // 3 without a talk
        DistrictStatisticsReport.SuppressedIn(School(40, priority: 10, withTalk: 3)).ShouldBe(["priorityCare.withTalk"]);
        DistrictStatisticsReport.SuppressedIn(School(40, priority: 10, withTalk: 5)).ShouldBeEmpty();
        DistrictStatisticsReport.SuppressedIn(School(40, priority: 10, withTalk: 10)).ShouldBeEmpty();
    }

    [Fact]
    public void A_school_under_five_students_shows_its_teachers_only_and_its_rates_are_null()
    {
        var suppressed = DistrictStatisticsReport.SuppressedIn(School(3));
        suppressed.ShouldContain("students");
        suppressed.ShouldContain("coverage");
        suppressed.ShouldContain("threeOnes.all");
        suppressed.ShouldContain("mentorLoad.average");
        suppressed.ShouldNotContain("teachers");
        suppressed.ShouldNotContain("activeMentors");
        var values = DistrictStatisticsReport.Values(School(3), suppressed);
        values["students"].ShouldBeNull();
        values["teachers"].ShouldBe(3m);
    }

    [Fact]
    public void The_total_is_withheld_when_it_would_give_away_one_schools_withheld_figure()
    {
        // The total (13) minus the other school (10) would tell the withheld 3.
        var totals = DistrictStatisticsReport.Totals([School(100, priority: 3), School(100, priority: 10)]);
        totals.SuppressedFigures.ShouldContain("priorityCare.students");
        totals.Figures.PriorityCare.Students.ShouldBeNull();
        totals.Figures.Students.ShouldBe(200);
        totals.Suppressed.ShouldBeTrue();

        // A small school's students: the total minus the others would be its 2 students.
        var small = DistrictStatisticsReport.Totals([School(2), School(100)]);
        small.Figures.Students.ShouldBeNull();
        small.Figures.ThreeOnes.Talks.ShouldBeNull();
        small.Figures.Teachers.ShouldBe(6);
    }

    [Fact]
    public void The_total_is_shown_when_the_withheld_schools_together_make_a_group_of_five_or_more()
    {
        // 3 + 4 withheld: the total minus the others tells only that the two schools have 7 together.
        var totals = DistrictStatisticsReport.Totals([School(100, priority: 3), School(100, priority: 4), School(100, priority: 10)]);
        totals.Figures.PriorityCare.Students.ShouldBe(17);
        totals.SuppressedFigures.ShouldNotContain("priorityCare.students");

        // Nothing withheld anywhere: every total is shown, rates over the district's students.
        var open = DistrictStatisticsReport.Totals([School(10, priority: 5, withTalk: 5, evaluations: 6), School(30, evaluations: 6)]);
        open.Suppressed.ShouldBeFalse();
        open.Figures.Coverage.ShouldBe(100m);
        open.Figures.ThreeOnes.Talks.ShouldBe(50m);
        open.Figures.Evaluations.Overall.ShouldBe(4m);
        open.Figures.MentorLoad.Maximum.ShouldBe(30);
    }

    [Fact]
    public void The_trend_lists_earlier_semesters_by_their_start_and_an_unknown_label_finds_nothing()
    {
        static SchoolSnapshot Snap(string label, DateOnly start)
        {
            var snapshot = new DistrictStatisticsSnapshot(Guid.CreateVersion7(), Guid.CreateVersion7(), label);
            snapshot.Record(new Domain.Common.DateRange(start, start.AddDays(120)), start.AddDays(120), School(20), DateTimeOffset.UnixEpoch.AddDays(1));
            return new SchoolSnapshot("s-one", "一中", snapshot);
        }

        var snapshots = new[] { Snap("2026春", new DateOnly(2026, 2, 20)), Snap("2025秋", new DateOnly(2025, 9, 1)), Snap("2025春", new DateOnly(2025, 2, 20)) };
        var report = DistrictStatisticsReport.Build(snapshots, null)!;
        report.Semester!.Label.ShouldBe("2026春");
        report.Trend.Select(t => t.Semester.Label).ShouldBe(["2025春", "2025秋"]);
        DistrictStatisticsReport.Build(snapshots, "2025秋")!.Trend.Select(t => t.Semester.Label).ShouldBe(["2025春"]);
        DistrictStatisticsReport.Build(snapshots, "2031春").ShouldBeNull();
    }
}
