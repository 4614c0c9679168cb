namespace MentorCloud.Application.Common.Interfaces;

/// <summary>Login accounts: creation, credential checks with lockout, and token issuing.</summary>
public interface IIdentityService
{
    Task<bool> UsernameExistsAsync(string username, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="usernames"/> that are already taken (compared as sign-in compares them), in one query.</summary>
    Task<IReadOnlySet<string>> TakenUsernamesAsync(IReadOnlyCollection<string> usernames, CancellationToken cancellationToken);

    /// <summary>Adds an account to the unit of work; it is stored when the command commits.</summary>
    Guid CreateUser(NewUser user);

    /// <summary>
    /// Checks the credentials and issues an access token. Failures count towards a lockout of this username from
    /// <paramref name="clientAddress"/> only.
    /// </summary>
    /// <exception cref="Exceptions.AuthenticationFailedException">Unknown user, wrong password, inactive account, or locked out from this address.</exception>
    Task<AccessToken> IssueTokenAsync(string username, string password, string clientAddress, CancellationToken cancellationToken);

    Task<UserProfile?> FindProfileAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Stops the login of a teacher or student who has left; it is stored when the command commits.</summary>
    Task DeactivateLinkedAccountAsync(Guid? teacherId, Guid? studentId, CancellationToken cancellationToken);
}

/// <summary>An optional login created with a teacher or a student.</summary>
public sealed record NewAccount(string Username, string Password);

public sealed record NewUser(
    string Username,
    string Password,
    string DisplayName,
    IReadOnlyCollection<string> Roles,
    string? DistrictCode = null,
    string? SchoolCode = null,
    Guid? TeacherId = null,
    Guid? StudentId = null);

public sealed record AccessToken(string Token, TimeSpan ExpiresIn);

public sealed record UserProfile(
    Guid UserId,
    string Username,
    string DisplayName,
    IReadOnlyCollection<string> Roles,
    string? DistrictCode,
    string? SchoolCode,
    Guid? TeacherId,
    Guid? StudentId);
