using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Clinical;
using Seldinger.Clinical.Scheduling;
using Seldinger.Clinical.Security;
using Seldinger.Planning;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Pages.Clinical.Internal;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Pages.Clinical;

/// <summary>
/// The procedure rooms: the list (name, guidance modalities, whether anaesthesia is possible there) for schedule
/// readers, and a form to add a room for the roles that manage rooms. The service checks the room; its refusal is the
/// message shown after the redirect. The roles that manage rooms without reading the schedule (the administrator) see
/// the page too, since the form is theirs.
/// </summary>
[Authorize(Policy = nameof(StaffAction.ReadSchedule) + "|" + nameof(StaffAction.ManageRooms))]
public sealed class RoomsModel(SchedulingService scheduling, CurrentUser user) : PageModel
{
    /// <summary>The modalities a room may offer: the values <c>POST /api/rooms</c> accepts.</summary>
    public static IReadOnlyList<GuidanceModality> AllModalities { get; } = Enum.GetValues<GuidanceModality>();

    /// <summary>All rooms, active first, by name.</summary>
    public IReadOnlyList<ProcedureRoom> Rooms { get; private set; } = [];

    /// <summary>Whether the user may add rooms.</summary>
    public bool CanManage => user.Can(StaffAction.ManageRooms);

    /// <summary>Loads the rooms.</summary>
    public async Task OnGetAsync(CancellationToken ct) => Rooms = await scheduling.RoomsAsync(ct);

    /// <summary>Adds a room; a refused room comes back as the message and nothing is stored.</summary>
    public async Task<IActionResult> OnPostAddAsync(string? name, List<GuidanceModality>? modalities, bool anaesthesiaCapable, CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        await ClinicalPageActions.TryAsync(
            this,
            () =>
            {
                if (!ModelState.IsValid)
                {
                    throw new ClinicalValidationException("modalities", "Unknown modality.");
                }

                // The service refuses a room without modalities too; the form names a missing name in the same message.
                if (modalities is null || modalities.Count == 0)
                {
                    var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                    if (string.IsNullOrWhiteSpace(name))
                    {
                        errors["name"] = ["This field is required."];
                    }

                    errors["modalities"] = ["Choose at least one modality."];
                    throw new ClinicalValidationException(errors);
                }

                return scheduling.AddRoomAsync(new RoomRequest(name, modalities, anaesthesiaCapable), ct);
            },
            $"Room {name?.Trim()} added.");
        return Redirect("/schedule/rooms");
    }
}
