import type { RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { CentreAddress } from '../../../shared/ipc/channels/center-address';
import type { CheckResult } from './check-centre-address';
import { resolveCentreAddress, type AddressInputs } from './centre-address';
import { centreUrlShape } from './centre-url';

/** The current centre's verdict on an administrator's credentials. */
export type AdminVerdict = 'admin' | 'not_admin' | 'refused' | 'unreachable';

/** What the service needs from its host (tests pass real checks against local servers). */
export interface CentreAddressServiceOptions {
  readonly inputs: AddressInputs;
  /** Checks an address over the network (`checkCentreAddress`). */
  readonly check: (url: string) => Promise<CheckResult>;
  /** Signs in at `centreUrl` with these credentials and says whether they are an administrator's. */
  readonly verifyAdmin: (centreUrl: string, staffNo: string, password: string) => Promise<AdminVerdict>;
  /** Someone is signed in at this desk: the centre is not swapped under them. */
  readonly signedIn: () => boolean;
  /** The address in force changed (at start, after a change, or after IT edited the file). */
  readonly onChanged: (next: CentreAddress, previous: CentreAddress | null) => Promise<void> | void;
}

type SetAddressAnswer = ResponseOf<'center:setAddress'>;

/**
 * The centre address in force at this desk and its one way to change (README "The case centre
 * address"). Addresses from IT's machine-wide file or the environment are fixed; an address kept
 * at this desk changes only with an administrator the current centre confirms; before any
 * address is in force, whoever is at the desk enters it once. Every new address is checked first.
 */
export class CentreAddressService {
  private resolved: Promise<CentreAddress> | null = null;
  private last: CentreAddress | null = null;

  constructor(private readonly options: CentreAddressServiceOptions) {}

  /** The address in force (resolved once; `refresh` reads the files again). */
  current(): Promise<CentreAddress> {
    this.resolved ??= this.resolve();
    return this.resolved;
  }

  /**
   * Reads the sources again (IT may have deployed or mended the machine-wide file meanwhile) and
   * switches to the result — only while nobody is signed in.
   */
  async refresh(): Promise<CentreAddress> {
    if (this.options.signedIn()) return this.current();
    this.resolved = this.resolve();
    return this.resolved;
  }

  async setAddress(request: RequestOf<'center:setAddress'>): Promise<SetAddressAnswer> {
    const now = await this.refresh();
    if (now.source === 'env') return refused('fixed_by_environment', 'HUIFANG_CENTER_URL');
    if (now.source === 'machine') return refused('fixed_by_machine', this.options.inputs.machineFile);
    if (this.options.signedIn()) return refused('signed_in', '');
    // The shape is checked before the administrator: a wrong address needs no password to be refused.
    const shape = centreUrlShape(request.url);
    if (!shape.ok) return refused(shape.problem, shape.detail);
    if (now.change === 'admin') {
      const denied = await this.adminDenied(now.url as string, request.admin);
      if (denied) return denied;
    }
    const checked = await this.options.check(shape.url);
    if (!checked.ok) return refused(checked.problem, checked.detail);
    try {
      await this.options.inputs.kept.keep(checked.url);
    } catch (err) {
      return refused('save_failed', err instanceof Error ? err.message : String(err));
    }
    return { kind: 'kept', address: await this.refresh() };
  }

  private async adminDenied(currentUrl: string, admin: RequestOf<'center:setAddress'>['admin']): Promise<SetAddressAnswer | null> {
    if (!admin) return refused('admin_required', '');
    const verdict = await this.options.verifyAdmin(currentUrl, admin.staffNo, admin.password);
    if (verdict === 'admin') return null;
    if (verdict === 'unreachable') return refused('current_centre_unreachable', currentUrl);
    return refused(verdict === 'not_admin' ? 'not_admin' : 'admin_refused', admin.staffNo);
  }

  private async resolve(): Promise<CentreAddress> {
    const next = await resolveCentreAddress(this.options.inputs);
    const previous = this.last;
    this.last = next;
    if (!previous || previous.source !== next.source || previous.url !== next.url) await this.options.onChanged(next, previous);
    return next;
  }
}

function refused(problem: Extract<SetAddressAnswer, { kind: 'refused' }>['problem'], detail: string): SetAddressAnswer {
  return { kind: 'refused', problem, detail };
}
