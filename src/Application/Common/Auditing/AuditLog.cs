using System.Text.Json;
using System.Text.Json.Serialization;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Domain.Auditing;

namespace MentorCloud.Application.Common.Auditing;

/// <summary>Adds entries to the school's append-only audit log; they commit with the command that made the change.</summary>
public sealed class AuditLog(IApplicationDbContext db, ICurrentUser user, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public void Record(string action, string subjectType, Guid? subjectId, object? details = null, Guid? studentId = null) =>
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), user.UserId, user.Username, action, subjectType, subjectId,
            details is null ? null : JsonSerializer.Serialize(details, Json), studentId));
}
