using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Districts.Queries.GetDistricts;
using MentorCloud.Application.Schools.Queries.GetSchools;

namespace MentorCloud.Application.UnitTests;

public sealed class PagingValidatorTests
{
    private readonly GetDistrictsValidator _districts = new();
    private readonly GetSchoolsValidator _schools = new();

    [Fact]
    public void Default_paging_is_page_1_of_50_and_valid()
    {
        var districts = new GetDistrictsQuery();
        var schools = new GetSchoolsQuery("north-1");

        (districts.Page, districts.PageSize).ShouldBe((1, 50));
        (schools.Page, schools.PageSize).ShouldBe((1, 50));
        _districts.FailingFields(districts).ShouldBeEmpty();
        _schools.FailingFields(schools).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 200)]
    [InlineData(1000, 50)]
    public void Page_from_1_and_page_size_from_1_to_200_are_valid(int page, int pageSize)
    {
        _districts.FailingFields(new GetDistrictsQuery(page, pageSize)).ShouldBeEmpty();
        _schools.FailingFields(new GetSchoolsQuery("north-1", page, pageSize)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    [InlineData(IPaged.MaxPage + 1)]
    public void Page_must_be_at_least_1_and_small_enough_that_the_rows_skipped_fit_in_an_int(int page)
    {
        _districts.FailingFields(new GetDistrictsQuery(page, 50)).ShouldBe(["Page"]);
        _schools.FailingFields(new GetSchoolsQuery("north-1", page, 50)).ShouldBe(["Page"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(201)]
    public void Page_size_must_be_between_1_and_200(int pageSize)
    {
        _districts.FailingFields(new GetDistrictsQuery(1, pageSize)).ShouldBe(["PageSize"]);
        _schools.FailingFields(new GetSchoolsQuery("north-1", 1, pageSize)).ShouldBe(["PageSize"]);
    }

    [Fact]
    public void Page_size_200_is_accepted_and_201_is_refused()
    {
        _districts.FailingFields(new GetDistrictsQuery(1, 200)).ShouldBeEmpty();
        _schools.FailingFields(new GetSchoolsQuery("north-1", 1, 200)).ShouldBeEmpty();

        _districts.FailingFields(new GetDistrictsQuery(1, 201)).ShouldBe(["PageSize"]);
        _schools.FailingFields(new GetSchoolsQuery("north-1", 1, 201)).ShouldBe(["PageSize"]);
    }
}
