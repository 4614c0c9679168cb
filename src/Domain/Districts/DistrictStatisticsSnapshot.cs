using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.Districts;

/// <summary>
/// The latest rollup (统计快照) of one school in one semester, kept at district level. A semester is known here by its
/// label, so the schools' semesters of the same name line up for district totals and trends; the school's own dates
/// are kept beside it. Holds counts only (<see cref="SchoolFigures"/>), never a student's personal data.
/// </summary>
public sealed class DistrictStatisticsSnapshot : Entity, IGlobalEntity
{
    private DistrictStatisticsSnapshot(Guid id) : base(id) { }

    public DistrictStatisticsSnapshot(Guid districtId, Guid schoolId, string semesterLabel)
    {
        DistrictId = districtId;
        SchoolId = schoolId;
        SemesterLabel = string.IsNullOrWhiteSpace(semesterLabel)
            ? throw new DomainValidationException(nameof(semesterLabel), new("统计快照须注明学期名称。", "A snapshot needs the semester's label."))
            : semesterLabel.Trim();
    }

    public Guid DistrictId { get; private set; }
    public Guid SchoolId { get; private set; }
    public string SemesterLabel { get; private set; } = null!;
    public DateOnly SemesterStartsOn { get; private set; }
    public DateOnly SemesterEndsOn { get; private set; }

    /// <summary>The day the figures are counted up to: the day of the rollup, or the semester's end once it is over.</summary>
    public DateOnly AsOf { get; private set; }
    public DateTimeOffset GeneratedAt { get; private set; }
    public SchoolFigures Figures { get; private set; } = new();

    /// <summary>Replaces the figures with a newer rollup's; an older one (a late retry) leaves the newer figures standing.</summary>
    public bool Record(DateRange semester, DateOnly asOf, SchoolFigures figures, DateTimeOffset generatedAt)
    {
        if (generatedAt < GeneratedAt) return false;
        SemesterStartsOn = semester.Start;
        SemesterEndsOn = semester.End;
        AsOf = asOf;
        Figures = figures;
        GeneratedAt = generatedAt;
        return true;
    }
}
