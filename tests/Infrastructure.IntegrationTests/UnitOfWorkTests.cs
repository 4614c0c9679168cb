using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.Districts;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Infrastructure.IntegrationTests;

public abstract class UnitOfWorkTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database) where TDatabase : DatabaseFixture
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

public sealed class UnitOfWorkTestsOnSqlite(SqliteDatabase database) : UnitOfWorkTests<SqliteDatabase>(database);

public sealed class UnitOfWorkTestsOnPostgres(PostgresDatabase database) : UnitOfWorkTests<PostgresDatabase>(database);
