using MentorCloud.WebApi.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>A new endpoint gets a readable operation id from its method and route, without naming itself.</summary>
public sealed class OperationIdDerivationTests
{
    [Theory]
    [InlineData("GET", "api/v1/schools/{school}/students", true, "listStudents")]
    [InlineData("GET", "api/v1/schools/{school}/students/{id:guid}", false, "getStudent")]
    [InlineData("POST", "api/v1/schools/{school}/students", false, "createStudent")]
    [InlineData("PUT", "api/v1/schools/{school}/classes/{id:guid}", false, "updateClass")]
    [InlineData("DELETE", "api/v1/schools/{school}/mentor-groups/{id:guid}/mentors/{teacherId:guid}", false, "deleteMentorGroupMentor")]
    [InlineData("POST", "api/v1/schools/{school}/mentor-groups/{id:guid}/publish", false, "publishMentorGroup")]
    [InlineData("POST", "api/v1/schools/{school}/mentor-groups/{id:guid}/open-selection", false, "openMentorGroupSelection")]
    [InlineData("POST", "api/v1/schools/{school}/mentor-groups/{id:guid}/mentors", false, "addMentorGroupMentor")]
    [InlineData("GET", "api/v1/schools/{school}/teachers/{teacherId:guid}/mentees", true, "listTeacherMentees")]
    [InlineData("GET", "api/v1/districts/{district}/policy-limits", false, "getDistrictPolicyLimits")]
    [InlineData("POST", "api/v1/districts/{district}/schools", false, "addDistrictSchool")]
    [InlineData("POST", "api/v1/schools/{school}/roster/import", false, "importRoster")]
    [InlineData("GET", "api/v1/schools/{school}/classes/{id:guid}/timetable", false, "getClassTimetable")]
    public void Operation_ids_follow_from_the_method_and_the_route(string method, string route, bool returnsList, string expected) =>
        OperationIdTransformer.Derive(method, route, returnsList).ShouldBe(expected);
}
