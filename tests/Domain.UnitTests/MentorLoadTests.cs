using MentorCloud.Domain.Common;
using MentorCloud.Domain.MentorGroups;

namespace MentorCloud.Domain.UnitTests;

/// <summary>A mentor's mentees across the school in one semester, held under the ratio cap (师生比, R3).</summary>
public sealed class MentorLoadTests
{
    private static readonly Guid SemesterId = Guid.CreateVersion7();
    private static readonly Guid TeacherId = Guid.CreateVersion7();

    private static MentorLoad LoadWith(int mentees, int cap = 15)
    {
        var load = new MentorLoad(SemesterId, TeacherId);
        if (mentees > 0) load.Change(mentees, cap);
        return load;
    }

    [Fact]
    public void A_new_load_belongs_to_a_teacher_and_semester_and_starts_empty()
    {
        var load = new MentorLoad(SemesterId, TeacherId);

        load.SemesterId.ShouldBe(SemesterId);
        load.TeacherId.ShouldBe(TeacherId);
        load.Mentees.ShouldBe(0);
    }

    [Fact]
    public void Mentees_are_added_within_the_cap_R3()
    {
        var load = LoadWith(10);

        load.Change(3, 15);

        load.Mentees.ShouldBe(13);
    }

    [Fact]
    public void A_mentor_may_reach_the_cap_exactly_R3()
    {
        var load = LoadWith(10);

        load.Change(5, 15);

        load.Mentees.ShouldBe(15);
    }

    [Theory]
    [InlineData(15, 1)]
    [InlineData(10, 6)]
    [InlineData(0, 16)]
    public void Going_beyond_the_cap_is_refused_and_changes_nothing_R3(int mentees, int delta)
    {
        var load = LoadWith(mentees);
        var version = load.Version;

        var ex = Should.Throw<RuleViolationException>(() => load.Change(delta, 15));

        ex.Rule.ShouldBe("R3");
        load.Mentees.ShouldBe(mentees);
        load.Version.ShouldBe(version);
    }

    [Fact]
    public void A_tightened_cap_applies_to_new_mentees_R3()
    {
        var load = LoadWith(12);

        Should.Throw<RuleViolationException>(() => load.Change(1, 10)).Rule.ShouldBe("R3");
        load.Mentees.ShouldBe(12);
    }

    [Fact]
    public void Mentees_can_always_be_taken_away_even_above_a_tightened_cap_R3()
    {
        var load = LoadWith(12);

        load.Change(-1, 10);

        load.Mentees.ShouldBe(11);
    }

    [Fact]
    public void Taking_away_more_mentees_than_there_are_leaves_zero()
    {
        var load = LoadWith(2);

        load.Change(-5, 15);

        load.Mentees.ShouldBe(0);
    }

    [Theory]
    [InlineData(0, 15, 15)]
    [InlineData(10, 15, 5)]
    [InlineData(15, 15, 0)]
    [InlineData(12, 10, 0)]
    public void Remaining_room_under_the_cap_is_never_negative_R3(int mentees, int cap, int remaining) =>
        LoadWith(mentees).RemainingUnder(cap).ShouldBe(remaining);

    [Fact]
    public void Every_change_gives_a_new_version()
    {
        var load = new MentorLoad(SemesterId, TeacherId);
        var initial = load.Version;

        load.Change(2, 15);
        var afterAdding = load.Version;
        load.Change(-1, 15);

        afterAdding.ShouldNotBe(initial);
        load.Version.ShouldNotBe(afterAdding);
    }

    [Fact]
    public void A_change_of_zero_keeps_the_version()
    {
        var load = LoadWith(3);
        var version = load.Version;

        load.Change(0, 15);

        load.Mentees.ShouldBe(3);
        load.Version.ShouldBe(version);
    }
}
