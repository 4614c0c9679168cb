using MentorCloud.Domain.Schools;
using Riok.Mapperly.Abstractions;

namespace MentorCloud.Application.Schools;

/// <summary>A school as district staff see it. The dedicated connection string, a secret, is never returned.</summary>
/// <param name="Status">Whether the school is served now: <see cref="SchoolStatus.Unavailable"/> while its dedicated database does not answer.</param>
public sealed record SchoolDto(Guid Id, string Code, string Name, string DistrictCode, bool HasDedicatedDatabase, SchoolStatus Status, DateTimeOffset CreatedAt);

public enum SchoolStatus
{
    Ready,
    Unavailable,
}

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class SchoolMapper
{
    public static IQueryable<SchoolDto> ProjectToDto(this IQueryable<School> schools, string districtCode) =>
        schools.Select(s => new SchoolDto(s.Id, s.Code, s.Name, districtCode, s.ConnectionString != null, SchoolStatus.Ready, s.CreatedAt));

    public static SchoolDto ToDto(this School school, string districtCode) =>
        new(school.Id, school.Code, school.Name, districtCode, school.ConnectionString is not null, SchoolStatus.Ready, school.CreatedAt);
}
