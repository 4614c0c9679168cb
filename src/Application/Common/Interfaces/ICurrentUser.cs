namespace MentorCloud.Application.Common.Interfaces;

/// <summary>Who is making the request, as the token says.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }
    Guid? UserId { get; }
    string? Username { get; }
    IReadOnlyCollection<string> Roles { get; }
    string? DistrictCode { get; }
    string? SchoolCode { get; }
    Guid? TeacherId { get; }
    Guid? StudentId { get; }

    bool IsInRole(string role) => Roles.Contains(role);
}
