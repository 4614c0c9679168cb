using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Districts;
using MentorCloud.Domain.Policies;
using MentorCloud.Domain.Semesters;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Policies;

/// <summary>Reads the school's current policy and its district's ceilings, each at most once per request (scope).</summary>
public sealed class PolicyReader(IApplicationDbContext db, ICatalogDbContext catalog, ITenantContext tenant, TimeProvider clock)
{
    // Read by most school requests (groups, progress, statistics, activities): compiled once.
    private static readonly CompiledQuery<Func<DbContext, CancellationToken, Task<SchoolPolicy?>>> LatestPolicy = new(() =>
        EF.CompileAsyncQuery((DbContext context, CancellationToken _) => context.Set<SchoolPolicy>().AsNoTracking().OrderByDescending(p => p.Version).FirstOrDefault()));

    private static readonly CompiledQuery<Func<DbContext, Guid?, CancellationToken, Task<PolicyLimits?>>> DistrictLimits = new(() =>
        EF.CompileAsyncQuery((DbContext context, Guid? districtId, CancellationToken _) =>
            context.Set<District>().AsNoTracking().Where(d => d.Id == districtId).Select(d => d.Limits).SingleOrDefault()));

    private PolicyLimits? _limits;
    private SchoolPolicy? _current;
    private List<SchoolPolicy>? _versions;

    /// <summary>The latest version, read once per request; the defaults (never stored) when the school has none yet.</summary>
    public async Task<SchoolPolicy> CurrentAsync(CancellationToken cancellationToken) =>
        _current ??= await ReadLatestPolicyAsync(cancellationToken)
                     ?? SchoolPolicy.CreateDefault(clock.GetUtcNow(), await LimitsAsync(cancellationToken));

    private Task<SchoolPolicy?> ReadLatestPolicyAsync(CancellationToken cancellationToken)
    {
        var context = db.SchoolPolicies.Context();
        return LatestPolicy.For(context)(context, cancellationToken);
    }

    /// <summary>The district's ceilings, read once per request.</summary>
    public async Task<PolicyLimits> LimitsAsync(CancellationToken cancellationToken)
    {
        if (_limits is not null) return _limits;
        var districtId = tenant.Current?.DistrictId;
        var context = catalog.Districts.Context();
        return _limits = await DistrictLimits.For(context)(context, districtId, cancellationToken)
                         ?? PolicyLimits.None;
    }

    /// <summary>The settings that apply now: the school's own, tightened where the district has since lowered a ceiling.</summary>
    public async Task<PolicySettings> EffectiveSettingsAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).Settings.ClampTo(await LimitsAsync(cancellationToken));

    /// <summary>
    /// The settings a semester is counted with (R14: a change applies to the semester it is made for). A semester not yet
    /// over is counted with the settings that apply now; one that is over with the version in force on its last school
    /// day, or the school's first version when the policy was set only after that semester. Tightened to the district's
    /// ceilings as they are now.
    /// </summary>
    public async Task<PolicySettings> EffectiveSettingsAsync(Semester semester, CancellationToken cancellationToken)
    {
        if (semester.EndsOn >= clock.Today()) return await EffectiveSettingsAsync(cancellationToken);
        // Every version, read once per request however many past semesters it counts.
        var versions = _versions ??= await db.SchoolPolicies.AsNoTracking().OrderBy(p => p.Version).ToListAsync(cancellationToken);
        var inForce = versions.LastOrDefault(p => SchoolCalendar.DayOf(p.EffectiveFrom) <= semester.EndsOn) ?? versions.FirstOrDefault();
        return (inForce ?? await CurrentAsync(cancellationToken)).Settings.ClampTo(await LimitsAsync(cancellationToken));
    }
}
