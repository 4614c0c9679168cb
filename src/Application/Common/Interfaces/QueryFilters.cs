namespace MentorCloud.Application.Common.Interfaces;

/// <summary>Names of the model's query filters a query may lift one by one (the tenant filter is never lifted).</summary>
public static class QueryFilters
{
    /// <summary>Hides deleted guidance activities, and the students and follow-ups of deleted activities.</summary>
    public const string LiveActivities = "live";
}
