using MentorCloud.Domain.Common;

namespace MentorCloud.Infrastructure.Identity;

/// <summary>A login. Lives in the catalog because a sign-in happens before any school is known.</summary>
public sealed class UserAccount : Entity, IGlobalEntity
{
    private UserAccount(Guid id) : base(id) { }

    public UserAccount(string username, string displayName, IEnumerable<string> roles, DateTimeOffset createdAt)
    {
        Username = username;
        NormalizedUsername = Normalize(username);
        DisplayName = displayName;
        Roles = [.. roles];
        CreatedAt = createdAt;
    }

    public string Username { get; private set; } = null!;
    public string NormalizedUsername { get; private set; } = null!;
    public string DisplayName { get; private set; } = null!;
    public string PasswordHash { get; private set; } = "";
    public List<string> Roles { get; private set; } = [];
    public string? DistrictCode { get; set; }
    public string? SchoolCode { get; set; }
    public Guid? TeacherId { get; set; }
    public Guid? StudentId { get; set; }
    public bool IsActive { get; private set; } = true;
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public static string Normalize(string username) => username.Trim().ToUpperInvariant();

    public void SetPasswordHash(string hash) => PasswordHash = hash;

    public void Deactivate() => IsActive = false;
}
