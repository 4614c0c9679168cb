using MentorCloud.Domain.Districts;
using Riok.Mapperly.Abstractions;

namespace MentorCloud.Application.Districts;

public sealed record DistrictDto(Guid Id, string Code, string Name, DateTimeOffset CreatedAt);

/// <summary>District ceilings on school policies (R3, R14); null means no ceiling beyond the specification's.</summary>
public sealed record PolicyLimitsDto(int? MaxStudentsPerMentorCeiling, int? MaxMentorsPerStudentCeiling);

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class DistrictMapper
{
    public static partial DistrictDto ToDto(this District district);

    public static partial IQueryable<DistrictDto> ProjectToDto(this IQueryable<District> districts);

    public static partial PolicyLimitsDto ToDto(this PolicyLimits limits);
}
