namespace MentorCloud.Application.Progress;

/// <summary>How statistics turn counts into rates and averages, in one place for the school's and the district's figures.</summary>
public static class StatisticsMath
{
    /// <summary><paramref name="part"/> of <paramref name="whole"/> in %, one decimal; null when there is no whole.</summary>
    public static decimal? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1);

    /// <summary><paramref name="sum"/> over <paramref name="count"/>; null when there is nothing to average.</summary>
    public static decimal? Average(int sum, int count, int decimals) => count == 0 ? null : Math.Round((decimal)sum / count, decimals);
}
