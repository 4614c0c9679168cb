using MentorCloud.Application.Archives;
using MentorCloud.Domain.Archives;

namespace MentorCloud.Application.UnitTests;

public sealed class ArchiveContentTypesTests
{
    [Fact]
    public void The_archives_content_types_are_every_section_and_every_object_their_lists_hold()
    {
        ArchiveContents.ContentObjectTypes.ShouldBe(
        [
            typeof(FamilySection), typeof(FamilyMember), typeof(HealthSection), typeof(PersonalitySection), typeof(InterestsSection),
            typeof(MoralsSection), typeof(HabitsSection), typeof(PsychologySection), typeof(AcademicsSection), typeof(AcademicResult),
            typeof(DifficultiesSection),
        ], ignoreOrder: true);
    }
}
