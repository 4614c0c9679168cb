using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.Semesters;

/// <summary>A school semester (学期): the period the "three ones", reminders and statistics are counted in.</summary>
public sealed class Semester : AggregateRoot, ITenantOwned
{
    private Semester(Guid id) : base(id) { }

    public Semester(string label, DateRange dates)
    {
        Label = string.IsNullOrWhiteSpace(label) ? throw new DomainValidationException(nameof(label), new("请填写学期名称。", "A semester needs a label.")) : label.Trim();
        StartsOn = dates.Start;
        EndsOn = dates.End;
    }

    public string Label { get; private set; } = null!;
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }

    public DateRange Dates => new(StartsOn, EndsOn);
}
