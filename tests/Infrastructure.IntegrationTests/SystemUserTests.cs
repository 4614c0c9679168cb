using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Teachers;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>Background work inside one school acts as a named system identity, and the audit log says so.</summary>
public abstract class SystemUserTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database) where TDatabase : DatabaseFixture
{
    [Fact]
    public async Task Work_in_a_school_scope_acts_as_the_system_user_and_is_named_in_the_audit_log()
    {
        var tenant = NewTenant();
        var scopes = Database.Services.GetRequiredService<ITenantScopeFactory>();
        Guid teacherId;
        await using (var seed = scopes.CreateScope(tenant))
        {
            var teacher = new Teacher("王老师", "T-001", []);
            seed.ServiceProvider.GetRequiredService<ApplicationDbContext>().Add(teacher);
            await seed.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
            seed.ServiceProvider.GetRequiredService<ICurrentUser>().IsAuthenticated.ShouldBeFalse();
            teacherId = teacher.Id;
        }

        await using (var job = scopes.CreateScope(tenant, new SystemUser("semester close")))
        {
            var user = job.ServiceProvider.GetRequiredService<ICurrentUser>();
            user.Roles.ShouldBe([Roles.System]);
            var db = job.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            (await db.Teachers.SingleAsync(t => t.Id == teacherId, Ct)).Deactivate();
            await job.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        await using var check = scopes.CreateScope(tenant);
        var entry = await check.ServiceProvider.GetRequiredService<ApplicationDbContext>().AuditEntries.SingleAsync(a => a.SubjectId == teacherId, Ct);
        entry.ActorName.ShouldBe("system:semester close");
        entry.ActorId.ShouldBeNull();
    }
}

public sealed class SystemUserTestsOnSqlite(SqliteDatabase database) : SystemUserTests<SqliteDatabase>(database);

public sealed class SystemUserTestsOnPostgres(PostgresDatabase database) : SystemUserTests<PostgresDatabase>(database);
