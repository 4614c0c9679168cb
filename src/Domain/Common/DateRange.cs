namespace MentorCloud.Domain.Common;

/// <summary>An inclusive range of calendar days.</summary>
public readonly record struct DateRange
{
    public DateRange(DateOnly start, DateOnly end)
    {
        if (end <= start) throw new DomainValidationException("endsOn", new("结束日期须晚于开始日期。", "The end must come after the start."));
        Start = start;
        End = end;
    }

    public DateOnly Start { get; }
    public DateOnly End { get; }

    public bool Contains(DateOnly day) => day >= Start && day <= End;

    public bool Overlaps(DateRange other) => Start <= other.End && other.Start <= End;
}
