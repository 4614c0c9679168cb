using MentorCloud.Application.Common.Validation;

namespace MentorCloud.WebApi.Endpoints;

/// <summary>
/// What the request examples of the OpenAPI document share, so that together they tell one story a client can replay:
/// 拱墅区教育局 onboards 拱墅区实验中学, whose admin 张伟 sets up the first semester of school year 2026, adds 李娜 as head teacher of
/// 七年级(3)班 and forms its mentor group, on <see cref="Today"/>. Ids stand for the ones the earlier calls return.
/// </summary>
public static class ApiExamples
{
    /// <summary>The day the examples are written for: their dates are valid on it (a selection closing later, a birth date earlier).</summary>
    public static readonly DateOnly Today = new(2026, 9, 7);

    public const string DistrictCode = "hz-gongshu";
    public const string SchoolCode = "gs-shiyan";

    public static readonly NewAdmin DistrictAdmin = new("gongshu.jyj", "Gongshu2026", "陈静");
    public static readonly NewAdmin SchoolAdmin = new("zhangwei", "Zhangwei2026", "张伟");

    public static readonly Guid SemesterId = new("01992a4e-5c10-7a3b-8e21-6f0c4d9b2a11");

    /// <summary>李娜, head teacher of <see cref="ClassId"/> and one of its mentors.</summary>
    public static readonly Guid HeadTeacherId = new("01992a4f-0d2e-7f41-9b3c-2a8e5d7c1b02");

    /// <summary>王强, a mathematics teacher and the class's second mentor.</summary>
    public static readonly Guid MentorId = new("01992a4f-3b7a-7c55-a0d4-9e1f6b2c8d03");

    /// <summary>七年级(3)班.</summary>
    public static readonly Guid ClassId = new("01992a50-1a4c-7d62-8f15-4b9a0e3d6c04");

    /// <summary>七年级(5)班, where a student moves.</summary>
    public static readonly Guid OtherClassId = new("01992a50-6e9b-7a18-b2c7-1d5f8a4e9b05");

    /// <summary>王小明, a left-behind student of <see cref="ClassId"/> whom <see cref="MentorId"/> mentors.</summary>
    public static readonly Guid StudentId = new("01992a51-2c3d-7e84-9a6b-5c1d7e2f3a06");
}
