using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Districts;
using MentorCloud.Domain.Policies;
using MentorCloud.Domain.Semesters;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Policies;

/// <summary>Reads the school's current policy and its district's ceilings.</summary>
public sealed class PolicyReader(IApplicationDbContext db, ICatalogDbContext catalog, ITenantContext tenant, TimeProvider clock)
{
    private PolicyLimits? _limits;
    private SchoolPolicy? _current;

    /// <summary>The latest version, read once per request; the defaults (never stored) when the school has none yet.</summary>
    public async Task<SchoolPolicy> CurrentAsync(CancellationToken cancellationToken) =>
        _current ??= await db.SchoolPolicies.AsNoTracking().OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken)
                     ?? SchoolPolicy.CreateDefault(clock.GetUtcNow(), await LimitsAsync(cancellationToken));

    /// <summary>The district's ceilings, read once per request.</summary>
    public async Task<PolicyLimits> LimitsAsync(CancellationToken cancellationToken)
    {
        if (_limits is not null) return _limits;
        var districtId = tenant.Current?.DistrictId;
        return _limits = await catalog.Districts.AsNoTracking().Where(d => d.Id == districtId).Select(d => d.Limits).SingleOrDefaultAsync(cancellationToken)
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
        var versions = await db.SchoolPolicies.AsNoTracking().OrderBy(p => p.Version).ToListAsync(cancellationToken);
        var inForce = versions.LastOrDefault(p => SchoolCalendar.DayOf(p.EffectiveFrom) <= semester.EndsOn) ?? versions.FirstOrDefault();
        return (inForce ?? await CurrentAsync(cancellationToken)).Settings.ClampTo(await LimitsAsync(cancellationToken));
    }
}
