using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.Schools;

/// <summary>A school (学校): the tenant. Everything a school owns carries its id.</summary>
public sealed class School : AggregateRoot, IGlobalEntity
{
    private School(Guid id) : base(id) { }

    public School(Guid districtId, string code, string name, string? connectionString, DateTimeOffset createdAt)
    {
        DistrictId = districtId;
        Code = Common.Code.Ensure(code, nameof(code));
        Name = string.IsNullOrWhiteSpace(name) ? throw new DomainValidationException(nameof(name), new("请填写学校名称。", "A school needs a name.")) : name.Trim();
        ConnectionString = string.IsNullOrWhiteSpace(connectionString) ? null : connectionString;
        CreatedAt = createdAt;
    }

    public Guid DistrictId { get; private set; }
    public string Code { get; private set; } = null!;
    public string Name { get; private set; } = null!;

    /// <summary>A dedicated database for this school; null keeps it in the shared database.</summary>
    public string? ConnectionString { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
