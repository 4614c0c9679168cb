using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Policies;
using MentorCloud.Domain.MentorGroups;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.MentorGroups;

/// <summary>
/// Opens the <see cref="MentorLoadLedger"/> a change needs: the semester's load rows of the given mentors (a row is
/// added for a mentor who has none yet) and the cap in force (R3). Rows are kept for the rest of the request, so
/// every ledger of one unit of work shares them, new rows included.
/// </summary>
public sealed class MentorLoadLedgers(IApplicationDbContext db, PolicyReader policies)
{
    private readonly Dictionary<(Guid Semester, Guid Teacher), MentorLoad> _rows = [];

    public async Task<MentorLoadLedger> OpenAsync(Guid semesterId, IEnumerable<Guid> mentorIds, CancellationToken cancellationToken)
    {
        var ids = mentorIds.Distinct().ToList();
        var unknown = ids.Where(id => !_rows.ContainsKey((semesterId, id))).ToList();
        if (unknown.Count > 0)
        {
            foreach (var stored in await db.MentorLoads.Where(l => l.SemesterId == semesterId && unknown.Contains(l.TeacherId)).ToListAsync(cancellationToken))
                _rows[(semesterId, stored.TeacherId)] = stored;
            foreach (var missing in unknown.Where(id => !_rows.ContainsKey((semesterId, id))))
            {
                var load = new MentorLoad(semesterId, missing);
                db.MentorLoads.Add(load);
                _rows[(semesterId, missing)] = load;
            }
        }

        var cap = (await policies.EffectiveSettingsAsync(cancellationToken)).MaxStudentsPerMentor;
        return new MentorLoadLedger(semesterId, cap, ids.Select(id => _rows[(semesterId, id)]));
    }
}
