using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.Districts;

/// <summary>A district education bureau (区教育局): a group of schools under common policy limits.</summary>
public sealed class District : AggregateRoot, IGlobalEntity
{
    private District(Guid id) : base(id) { }

    public District(string code, string name, DateTimeOffset createdAt)
    {
        Code = Common.Code.Ensure(code, nameof(code));
        Name = string.IsNullOrWhiteSpace(name) ? throw new DomainValidationException(nameof(name), new("请填写区名称。", "A district needs a name.")) : name.Trim();
        CreatedAt = createdAt;
        Limits = PolicyLimits.None;
    }

    public string Code { get; private set; } = null!;
    public string Name { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }
    public PolicyLimits Limits { get; private set; } = PolicyLimits.None;

    public void SetLimits(PolicyLimits limits) => Limits = limits;
}
