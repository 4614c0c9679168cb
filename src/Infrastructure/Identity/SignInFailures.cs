using MentorCloud.Domain.Common;

namespace MentorCloud.Infrastructure.Identity;

/// <summary>
/// Failed sign-ins for one username from one client address. A lockout bars that address only, so someone who
/// knows a username cannot lock its owner out from everywhere. Kept in the catalog so every replica sees it;
/// counted with single-statement updates so parallel attempts neither clash nor go uncounted.
/// </summary>
public sealed class SignInFailures : IGlobalEntity
{
    public const int MaxAddressLength = 45;

    private SignInFailures() { }

    public SignInFailures(string normalizedUsername, string clientAddress, DateTimeOffset now)
    {
        NormalizedUsername = normalizedUsername;
        ClientAddress = clientAddress;
        FailedCount = 1;
        LastFailureAt = now;
    }

    public string NormalizedUsername { get; private set; } = null!;
    public string ClientAddress { get; private set; } = null!;
    public int FailedCount { get; private set; }
    public DateTimeOffset? LockoutEnd { get; private set; }
    public DateTimeOffset LastFailureAt { get; private set; }
}
