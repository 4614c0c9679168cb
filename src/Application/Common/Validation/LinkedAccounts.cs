using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Common;

namespace MentorCloud.Application.Common.Validation;

public static class LinkedAccounts
{
    /// <summary>Adds the login of a new teacher or student, bound to the current school; 409 when the username is taken.</summary>
    public static async Task CreateLinkedAccountAsync(this IIdentityService identity, ITenantContext tenant, NewAccount? account,
        string displayName, string role, Guid? teacherId, Guid? studentId, CancellationToken cancellationToken)
    {
        if (account is null) return;
        if (await identity.UsernameExistsAsync(account.Username, cancellationToken))
            throw new ConflictException(Messages.DuplicateUsername(account.Username));
        var school = tenant.Current ?? throw new Exceptions.TenantRequiredException();
        identity.CreateUser(new NewUser(account.Username, account.Password, displayName, [role],
            DistrictCode: school.DistrictCode, SchoolCode: school.Identifier, TeacherId: teacherId, StudentId: studentId));
    }
}
