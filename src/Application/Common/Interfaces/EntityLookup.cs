using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Common.Interfaces;

public static class EntityLookup
{
    /// <summary>The entity with this id in the current school, or 404: another school's row is filtered out and so not found either.</summary>
    public static async Task<T> GetAsync<T>(this DbSet<T> set, Guid id, CancellationToken cancellationToken) where T : Entity =>
        await set.SingleOrDefaultAsync(e => e.Id == id, cancellationToken) ?? throw new NotFoundException(typeof(T).Name, id);
}
