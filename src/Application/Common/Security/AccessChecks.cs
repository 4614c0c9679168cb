using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;

namespace MentorCloud.Application.Common.Security;

/// <summary>Reach checks shared by handlers. Anything out of reach is "not found", never "forbidden".</summary>
public static class AccessChecks
{
    /// <summary>Platform admins reach every district; district admins only their own.</summary>
    public static void DemandDistrict(this ICurrentUser user, string districtCode)
    {
        if (user.IsInRole(Roles.PlatformAdmin)) return;
        if (user.IsInRole(Roles.DistrictAdmin) && string.Equals(user.DistrictCode, districtCode, StringComparison.Ordinal)) return;
        throw new NotFoundException("District", districtCode);
    }
}
