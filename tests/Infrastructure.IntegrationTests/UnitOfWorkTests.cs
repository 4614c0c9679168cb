using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Domain.Common;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Districts;
using MentorCloud.Domain.Teachers;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Infrastructure.IntegrationTests;

public abstract partial class UnitOfWorkTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database) where TDatabase : DatabaseFixture
{
    [Fact]
    public async Task A_unique_index_race_surfaces_as_a_conflict_and_keeps_the_first_row()
    {
        var code = $"race-{Guid.NewGuid():N}"[..20];
        await using (var first = Database.Services.CreateAsyncScope())
        {
            first.ServiceProvider.GetRequiredService<CatalogDbContext>().Districts.Add(new District(code, "First", DateTimeOffset.UtcNow));
            await first.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        await using var second = Database.Services.CreateAsyncScope();
        second.ServiceProvider.GetRequiredService<CatalogDbContext>().Districts.Add(new District(code, "Second", DateTimeOffset.UtcNow));
        await Should.ThrowAsync<ConflictException>(() => second.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));

        await using var check = Database.Services.CreateAsyncScope();
        (await check.ServiceProvider.GetRequiredService<CatalogDbContext>().Districts.Where(d => d.Code == code).Select(d => d.Name).ToListAsync(Ct))
            .ShouldBe(["First"]);
    }
}

public abstract partial class UnitOfWorkTests<TDatabase>
{
    [Fact]
    public async Task A_command_touching_the_catalog_and_the_school_commits_both_or_neither()
    {
        var code = $"both-{Guid.NewGuid():N}"[..20];
        await using (var first = Database.Services.CreateAsyncScope())
        {
            first.ServiceProvider.GetRequiredService<CatalogDbContext>().Districts.Add(new District(code, "First", DateTimeOffset.UtcNow));
            await first.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        var tenant = new TenantInfo(Guid.CreateVersion7(), "both", "Both", Guid.CreateVersion7(), "d", null);
        await using (var scope = Database.Services.GetRequiredService<ITenantScopeFactory>().CreateScope(tenant))
        {
            scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Teachers.Add(new Teacher("王老师", "T-BOTH", []));
            scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Districts.Add(new District(code, "Duplicate", DateTimeOffset.UtcNow));
            await Should.ThrowAsync<ConflictException>(() => scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));
        }

        await using var check = Database.Services.GetRequiredService<ITenantScopeFactory>().CreateScope(tenant);
        (await check.ServiceProvider.GetRequiredService<ApplicationDbContext>().Teachers.AnyAsync(t => t.EmployeeNo == "T-BOTH", Ct)).ShouldBeFalse();

        await using var retry = Database.Services.GetRequiredService<ITenantScopeFactory>().CreateScope(tenant);
        retry.ServiceProvider.GetRequiredService<ApplicationDbContext>().Teachers.Add(new Teacher("王老师", "T-BOTH", []));
        retry.ServiceProvider.GetRequiredService<CatalogDbContext>().Districts.Add(new District($"{code}-2", "Second", DateTimeOffset.UtcNow));
        await retry.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        (await retry.ServiceProvider.GetRequiredService<ApplicationDbContext>().Teachers.CountAsync(t => t.EmployeeNo == "T-BOTH", Ct)).ShouldBe(1);
    }
}

public sealed class UnitOfWorkTestsOnSqlite(SqliteDatabase database) : UnitOfWorkTests<SqliteDatabase>(database);

public sealed class UnitOfWorkTestsOnPostgres(PostgresDatabase database) : UnitOfWorkTests<PostgresDatabase>(database);
