using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Districts;
using MentorCloud.Domain.Schools;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MentorCloud.Infrastructure.Persistence;

/// <summary>A demo district and school with their administrators, so a fresh <c>dotnet run</c> has something to explore.</summary>
public sealed class DemoSeeder(
    CatalogDbContext catalog, IIdentityService identity, ITenantProvisioner provisioner, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    public const string DistrictCode = "demo";
    public const string SchoolCode = "demo-school";
    public const string DistrictAdmin = "demo-district";
    public const string SchoolAdmin = "demo-admin";
    public const string Password = "Demo#2026";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!await catalog.Districts.AnyAsync(d => d.Code == DistrictCode, cancellationToken))
        {
            var now = clock.GetUtcNow();
            var district = new District(DistrictCode, "示范区教育局 Demo District Education Bureau", now);
            var school = new School(district.Id, SchoolCode, "示范实验小学 Demo Experimental Primary School", null, now);
            catalog.Districts.Add(district);
            catalog.Schools.Add(school);
            identity.CreateUser(new NewUser(DistrictAdmin, Password, "示范区管理员", [Roles.DistrictAdmin], DistrictCode: DistrictCode));
            identity.CreateUser(new NewUser(SchoolAdmin, Password, "示范校管理员", [Roles.SchoolAdmin], DistrictCode: DistrictCode, SchoolCode: SchoolCode));
            await provisioner.ProvisionAsync(new TenantInfo(school.Id, school.Code, school.Name, district.Id, district.Code, null), cancellationToken);
            await catalog.SaveChangesAsync(cancellationToken);
        }

        logger.LogWarning(
            "Demo data: district '{District}' (admin {DistrictAdmin}), school '{School}' (admin {SchoolAdmin}); demo password {Password}",
            DistrictCode, DistrictAdmin, SchoolCode, SchoolAdmin, Password);
    }
}
