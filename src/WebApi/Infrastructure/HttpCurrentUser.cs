using System.Security.Claims;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Infrastructure.Identity;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>The signed-in caller, read from the validated token's claims.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private string[]? _roles;

    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated ?? false;
    public Guid? UserId => GuidClaim(MentorCloudClaims.Subject);
    public string? Username => Claim(MentorCloudClaims.Username);
    // Only login roles count: a token (from an external issuer too) can never make its bearer background work.
    public IReadOnlyCollection<string> Roles => IsAuthenticated
        ? _roles ??= Principal!.FindAll(MentorCloudClaims.Role).Select(c => c.Value).Where(Application.Common.Security.Roles.All.Contains).ToArray()
        : [];
    public string? DistrictCode => Claim(MentorCloudClaims.District);
    public string? SchoolCode => Claim(MentorCloudClaims.School);
    public Guid? TeacherId => GuidClaim(MentorCloudClaims.TeacherId);
    public Guid? StudentId => GuidClaim(MentorCloudClaims.StudentId);

    private string? Claim(string type) => IsAuthenticated ? Principal!.FindFirstValue(type) : null;

    private Guid? GuidClaim(string type) => Guid.TryParse(Claim(type), out var id) ? id : null;
}
