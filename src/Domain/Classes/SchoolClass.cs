using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.Classes;

/// <summary>A class (班级) of one school year, headed by its head teacher (班主任).</summary>
public sealed class SchoolClass : AggregateRoot, ITenantOwned
{
    public const int MinGrade = 1;
    public const int MaxGrade = 12;

    private SchoolClass(Guid id) : base(id) { }

    public SchoolClass(string name, int grade, int schoolYear, Guid headTeacherId)
    {
        SchoolYear = schoolYear;
        Update(name, grade, headTeacherId);
    }

    public string Name { get; private set; } = null!;
    public int Grade { get; private set; }

    /// <summary>The calendar year the school year starts in (2026 for 2026–2027).</summary>
    public int SchoolYear { get; private set; }

    public Guid HeadTeacherId { get; private set; }

    public void Update(string name, int grade, Guid headTeacherId)
    {
        if (grade is < MinGrade or > MaxGrade) throw new DomainValidationException(nameof(grade), new($"年级须在 {MinGrade}–{MaxGrade} 之间。", $"Grade must be {MinGrade}–{MaxGrade}."));
        Name = string.IsNullOrWhiteSpace(name) ? throw new DomainValidationException(nameof(name), new("请填写班级名称。", "A class needs a name.")) : name.Trim();
        Grade = grade;
        HeadTeacherId = headTeacherId;
    }

    /// <summary>The school year a day belongs to: it starts on 1 August.</summary>
    public static int SchoolYearOf(DateOnly day) => day.Month >= 8 ? day.Year : day.Year - 1;
}
