using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Reminders;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Infrastructure.Identity;

/// <summary>Finds the active accounts linked to teachers and students of the current school, one query per call.</summary>
public sealed class AccountDirectory(CatalogDbContext catalog, ITenantContext tenant) : IAccountDirectory
{
    public async Task<IReadOnlyDictionary<Guid, Guid>> TeacherAccountsAsync(IReadOnlyCollection<Guid> teacherIds, CancellationToken cancellationToken)
    {
        if (teacherIds.Count == 0 || tenant.Current?.Identifier is not { } school) return new Dictionary<Guid, Guid>();
        var ids = teacherIds.ToList();
        var rows = await catalog.Users.AsNoTracking()
            .Where(u => u.IsActive && u.SchoolCode == school && u.TeacherId != null && ids.Contains(u.TeacherId.Value))
            .OrderBy(u => u.CreatedAt).Select(u => new { TeacherId = u.TeacherId!.Value, u.Id }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.TeacherId).ToDictionary(g => g.Key, g => g.First().Id);
    }

    public async Task<IReadOnlyDictionary<Guid, Guid>> StudentAccountsAsync(IReadOnlyCollection<Guid> studentIds, CancellationToken cancellationToken)
    {
        if (studentIds.Count == 0 || tenant.Current?.Identifier is not { } school) return new Dictionary<Guid, Guid>();
        var ids = studentIds.ToList();
        var rows = await catalog.Users.AsNoTracking()
            .Where(u => u.IsActive && u.SchoolCode == school && u.StudentId != null && ids.Contains(u.StudentId.Value))
            .OrderBy(u => u.CreatedAt).Select(u => new { StudentId = u.StudentId!.Value, u.Id }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.StudentId).ToDictionary(g => g.Key, g => g.First().Id);
    }

    public async Task<IReadOnlyList<AccountName>> SchoolAdminsAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current?.Identifier is not { } school) return [];
        return await catalog.Users.AsNoTracking()
            .Where(u => u.IsActive && u.SchoolCode == school && u.Roles.Contains(Roles.SchoolAdmin))
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).Select(u => new AccountName(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
    }
}
