using MentorCloud.Application.Common.Interfaces;

namespace MentorCloud.Application.Common.Security;

/// <summary>
/// The identity of background work inside one school (a reminder job, a statistics rollup). It sends requests through
/// the same pipeline as people do; a request it may send declares <see cref="Roles.System"/>. The reason names the
/// work in the audit log.
/// </summary>
public sealed class SystemUser : ICurrentUser
{
    public SystemUser(string reason)
    {
        Reason = string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("Background work names its reason.", nameof(reason)) : reason.Trim();
    }

    public string Reason { get; }

    public bool IsAuthenticated => true;
    public Guid? UserId => null;
    public string Username => $"system:{Reason}";
    public IReadOnlyCollection<string> Roles { get; } = [Security.Roles.System];
    public string? DistrictCode => null;
    public string? SchoolCode => null;
    public Guid? TeacherId => null;
    public Guid? StudentId => null;
}
