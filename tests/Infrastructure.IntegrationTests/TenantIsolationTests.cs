using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Policies;
using MentorCloud.Domain.Teachers;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>The tenant filter and the save guard of the school database, on a real engine.</summary>
public abstract class TenantIsolationTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database) where TDatabase : DatabaseFixture
{
    private static TenantInfo NewTenant() => new(Guid.CreateVersion7(), $"s-{Guid.NewGuid():N}"[..12], "School", Guid.CreateVersion7(), "d", null);

    private AsyncServiceScope As(TenantInfo tenant) => Database.Services.GetRequiredService<ITenantScopeFactory>().CreateScope(tenant);

    private async Task<Guid> SeedPolicyAsync(TenantInfo tenant)
    {
        await using var scope = As(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var policy = SchoolPolicy.CreateDefault(DateTimeOffset.UtcNow);
        db.SchoolPolicies.Add(policy);
        await db.SaveChangesAsync(Ct);
        db.Entry(policy).Property<Guid>(ApplicationDbContext.TenantIdProperty).CurrentValue.ShouldBe(tenant.Id);
        return policy.Id;
    }

    [Fact]
    public async Task A_tenant_sees_only_its_own_rows()
    {
        var a = NewTenant();
        var b = NewTenant();
        var policyOfA = await SeedPolicyAsync(a);
        await SeedPolicyAsync(b);

        await using var scope = As(a);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        (await db.SchoolPolicies.Select(p => p.Id).ToListAsync(Ct)).ShouldBe([policyOfA]);
    }

    [Fact]
    public async Task A_query_with_no_tenant_returns_nothing()
    {
        await SeedPolicyAsync(NewTenant());

        await using var scope = Database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        (await db.SchoolPolicies.CountAsync(Ct)).ShouldBe(0);
        (await db.SchoolPolicies.IgnoreQueryFilters([ApplicationDbContext.TenantFilter]).CountAsync(Ct)).ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Changing_or_deleting_a_row_of_another_tenant_is_refused_and_changes_nothing(bool delete)
    {
        var a = NewTenant();
        var b = NewTenant();
        Guid teacherOfB;
        await using (var seed = As(b))
        {
            var db = seed.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var teacher = new Teacher("王老师", "T-001", ["语文"]);
            db.Teachers.Add(teacher);
            await db.SaveChangesAsync(Ct);
            teacherOfB = teacher.Id;
        }

        await using (var scope = As(a))
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var stolen = await db.Teachers.IgnoreQueryFilters([ApplicationDbContext.TenantFilter]).SingleAsync(t => t.Id == teacherOfB, Ct);
            if (delete) db.Remove(stolen);
            else stolen.Update("改名", []);

            await Should.ThrowAsync<CrossTenantWriteException>(() => db.SaveChangesAsync(Ct));
        }

        await using var check = As(b);
        var kept = await check.ServiceProvider.GetRequiredService<ApplicationDbContext>().Teachers.SingleAsync(t => t.Id == teacherOfB, Ct);
        kept.Name.ShouldBe("王老师");
    }

    [Fact]
    public async Task Policy_versions_are_append_only()
    {
        var tenant = NewTenant();
        var policyId = await SeedPolicyAsync(tenant);

        await using var scope = As(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        db.Remove(await db.SchoolPolicies.SingleAsync(p => p.Id == policyId, Ct));

        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task Adding_a_row_stamped_for_another_tenant_is_refused()
    {
        await using var scope = As(NewTenant());
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var policy = SchoolPolicy.CreateDefault(DateTimeOffset.UtcNow);
        db.SchoolPolicies.Add(policy);
        db.Entry(policy).Property<Guid>(ApplicationDbContext.TenantIdProperty).CurrentValue = Guid.CreateVersion7();

        await Should.ThrowAsync<CrossTenantWriteException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task Saving_school_data_with_no_tenant_is_refused()
    {
        await using var scope = Database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        db.SchoolPolicies.Add(SchoolPolicy.CreateDefault(DateTimeOffset.UtcNow));

        await Should.ThrowAsync<TenantRequiredException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public void A_scope_cannot_switch_tenant()
    {
        var context = new TenantContext();
        context.Set(NewTenant());
        Should.Throw<InvalidOperationException>(() => context.Set(NewTenant()));
    }
}

public sealed class TenantIsolationTestsOnSqlite(SqliteDatabase database) : TenantIsolationTests<SqliteDatabase>(database);

public sealed class TenantIsolationTestsOnPostgres(PostgresDatabase database) : TenantIsolationTests<PostgresDatabase>(database);
