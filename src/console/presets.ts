/**
 * The console's presets section (docs/console.md "Presets"): every operator sees the presets and
 * activates one with a button; an editor also creates, changes and deletes them in a form that
 * offers only the project's layouts, their camera tiles and the project's cameras.
 *
 * Saves name the version the form was opened on. When someone else saved in between, the hub
 * refuses and the form stays as the editor left it, with who changed what; "Lưu đè" saves over
 * that version on purpose. An edit is never dropped or applied over another without a click.
 */
import type { CatalogueCamera, CameraTile, Preset } from '../core/protocol/presets.js';
import type { LayoutCommand, WireLabel } from '../core/protocol/layout-commands.js';
import { Api, ApiError, errorText as message } from './api.js';
import { byId, h, replaceKeepingFocus } from './dom.js';
import { LANG, clock, t } from './i18n.js';
import type { Preview } from './state.js';

interface PresetList {
  presets: Preset[];
  active: { id: string; version: number } | null;
  layouts: { id: string; title: WireLabel; cameraTiles: CameraTile[] }[];
  cameras: CatalogueCamera[];
}

/** The form: a new preset (`base` 0) or an edit of version `base`. */
interface Draft {
  id: string;
  base: number;
  titleVi: string;
  titleEn: string;
  layout: string;
  /** Camera tile id → chosen source ('' = as the layout file says). */
  cameras: Map<string, string>;
  /** The preset someone else saved meanwhile (a refused save), shown above the form. */
  conflict: Preset | null;
}

const text = (l: WireLabel | null | undefined): string => (l ? (LANG === 'en' ? (l.en ?? l.vi) : l.vi) : '');

export class PresetPanel {
  private list: PresetList = { presets: [], active: null, layouts: [], cameras: [] };
  private draft: Draft | null = null;
  private busy = false;

  public constructor(
    private readonly api: Api,
    private readonly editor: boolean,
    private readonly status: (text: string) => void,
    /**
     * Runs an activation as every switch runs (switch-request.ts: truthful status, one retry when
     * busy) and makes its command the current one; resolves with it, or null when it did not happen.
     */
    private readonly switchTo: (send: () => Promise<{ command: LayoutCommand }>, name: string) => Promise<LayoutCommand | null>,
    /** "Kích hoạt" chooses the preset as a source to preview (its `apply` activates); without it, activates at once. */
    private readonly hooks: { preview?: (p: Preview) => void; titles?: (titles: Map<string, string>) => void } = {},
  ) {
    byId('presets-section').dataset.editor = String(editor);
    byId('preset-new').hidden = !editor;
    // Until the list (layouts, cameras) has arrived, a new preset's form would offer nothing to choose.
    byId<HTMLButtonElement>('preset-new').disabled = true;
    byId('preset-new').addEventListener('click', () => this.open(null));
  }

  public async refresh(): Promise<void> {
    try {
      this.list = await this.api.json<PresetList>('GET', '/api/presets');
      byId<HTMLButtonElement>('preset-new').disabled = false;
      this.hooks.titles?.(new Map(this.list.presets.map((p) => [p.id, text(p.title)])));
      this.render();
    } catch (e) {
      this.status(`${t('Kịch bản', 'Presets')}: ${message(e)}`);
    }
  }

  private render(): void {
    const { presets, active } = this.list;
    replaceKeepingFocus(
      byId('presets'),
      ...(presets.length === 0 ? [h('p', { class: 'empty' }, t('Chưa có kịch bản nào.', 'No presets yet.'))] : presets.map((p) => this.card(p, active))),
    );
    // The form is not redrawn here: a list refresh (another editor saved) must not disturb typing.
  }

  private card(p: Preset, active: PresetList['active']): HTMLElement {
    const isActive = active?.id === p.id;
    const activate = h('button', { type: 'button', class: 'activate', 'data-activate': p.id, disabled: this.busy }, t('Kích hoạt', 'Activate'));
    const preview = this.hooks.preview;
    activate.addEventListener('click', () => (preview ? preview({ kind: 'preset', id: p.id, title: text(p.title), layout: p.layout, apply: () => void this.activate(p) }) : void this.activate(p)));
    const actions: HTMLElement[] = [activate];
    if (this.editor) {
      const edit = h('button', { type: 'button', 'data-edit': p.id, disabled: this.busy }, t('Sửa', 'Edit'));
      edit.addEventListener('click', () => this.open(p));
      const del = h('button', { type: 'button', 'data-delete': p.id, disabled: this.busy }, t('Xoá', 'Delete'));
      del.addEventListener('click', () => void this.remove(p));
      actions.push(edit, del);
    }
    const layout = this.list.layouts.find((l) => l.id === p.layout);
    return h(
      'article',
      { class: 'preset', 'data-preset': p.id, 'data-version': p.version, 'data-active': String(isActive) },
      h('h3', {}, text(p.title)),
      h(
        'p',
        { class: 'preset-meta' },
        `${t('Bố cục', 'Layout')} ${layout ? text(layout.title) : p.layout}`,
        p.cameras.length ? t(` · ${p.cameras.length} camera chọn riêng`, ` · ${p.cameras.length} cameras chosen`) : '',
        t(` · phiên bản ${p.version}, ${p.updatedBy}, ${clock(p.updatedAt)}`, ` · version ${p.version}, ${p.updatedBy}, ${clock(p.updatedAt)}`),
        isActive ? h('strong', { class: 'active-mark' }, isActive && active?.version !== p.version ? t(' · đang hiển thị (bản cũ hơn)', ' · on the wall (an older version)') : t(' · đang hiển thị', ' · on the wall')) : null,
      ),
      h('div', { class: 'actions' }, ...actions),
    );
  }

  private async activate(p: Preset): Promise<void> {
    this.busy = true;
    this.render();
    try {
      await this.switchTo(
        () => this.api.json<{ command: LayoutCommand }>('POST', `/api/presets/${encodeURIComponent(p.id)}/activate`, {}),
        t(`kịch bản ${text(p.title)}`, `preset ${text(p.title)}`),
      );
    } finally {
      this.busy = false;
      await this.refresh();
    }
  }

  private async remove(p: Preset): Promise<void> {
    if (!window.confirm(t(`Xoá kịch bản "${text(p.title)}"?`, `Delete preset "${text(p.title)}"?`))) return;
    try {
      await this.api.json('DELETE', `/api/presets/${encodeURIComponent(p.id)}?version=${p.version}`);
      this.status(t(`Đã xoá kịch bản ${text(p.title)}.`, `Preset ${text(p.title)} deleted.`));
    } catch (e) {
      this.status(`${t('Không xoá được', 'Could not delete')}: ${message(e)}`);
    }
    await this.refresh();
  }

  // -------------------------------------------------------------------------------------------
  // The editor's form

  private open(p: Preset | null): void {
    const layout = p?.layout ?? this.list.layouts[0]?.id ?? '';
    this.draft = {
      id: p?.id ?? '',
      base: p?.version ?? 0,
      titleVi: p?.title.vi ?? '',
      titleEn: p?.title.en ?? '',
      layout,
      cameras: new Map((p?.cameras ?? []).map((c) => [c.tile, c.source])),
      conflict: null,
    };
    this.renderForm();
  }

  private renderForm(): void {
    const form = byId<HTMLFormElement>('preset-form');
    const d = this.draft;
    form.hidden = !this.editor || d === null;
    if (!this.editor || !d) return form.replaceChildren();
    const field = (label: string, input: HTMLElement): HTMLElement => h('label', {}, label, input);
    const id = h('input', { name: 'id', value: d.id, required: true, pattern: '[a-z0-9]+(-[a-z0-9]+)*', maxlength: 64, disabled: d.base > 0 });
    id.addEventListener('input', () => (d.id = id.value.trim()));
    const vi = h('input', { name: 'title-vi', value: d.titleVi, required: true, maxlength: 200 });
    vi.addEventListener('input', () => (d.titleVi = vi.value));
    const en = h('input', { name: 'title-en', value: d.titleEn, maxlength: 200 });
    en.addEventListener('input', () => (d.titleEn = en.value));
    const layoutSelect = h('select', { name: 'layout' }, ...this.list.layouts.map((l) => h('option', { value: l.id, selected: l.id === d.layout }, `${text(l.title)} (${l.id})`)));
    layoutSelect.addEventListener('change', () => {
      d.layout = layoutSelect.value;
      d.cameras.clear(); // tiles belong to a layout: choices for another layout's tiles mean nothing here
      this.renderForm();
    });
    const tiles = this.list.layouts.find((l) => l.id === d.layout)?.cameraTiles ?? [];
    const cameraRows = tiles.map((cameraTile) => {
      const select = h(
        'select',
        { name: `camera-${cameraTile.id}`, 'data-tile': cameraTile.id },
        h('option', { value: '' }, `${t('(như bố cục)', '(as the layout says)')} ${text(cameraTile.label) || cameraTile.source}`),
        ...this.list.cameras.map((c) => h('option', { value: c.source, selected: d.cameras.get(cameraTile.id) === c.source }, `${text(c.label) || c.source} — ${c.source}`)),
      );
      select.addEventListener('change', () => (select.value ? d.cameras.set(cameraTile.id, select.value) : d.cameras.delete(cameraTile.id)));
      return field(`${t('Ô', 'Tile')} ${cameraTile.label ? `${text(cameraTile.label)} (${cameraTile.id})` : cameraTile.id}`, select);
    });
    const save = h('button', { type: 'submit', 'data-save': '' }, d.base > 0 ? t('Lưu', 'Save') : t('Tạo kịch bản', 'Create preset'));
    const cancel = h('button', { type: 'button' }, t('Huỷ', 'Cancel'));
    cancel.addEventListener('click', () => {
      this.draft = null;
      this.renderForm();
    });
    const c = d.conflict;
    const conflict = c
      ? h(
          'div',
          { class: 'conflict', role: 'alert', 'data-conflict-version': c.version },
          t(
            `${c.updatedBy} đã lưu kịch bản này (phiên bản ${c.version}, lúc ${clock(c.updatedAt)}) sau khi bạn mở nó: bố cục ${c.layout}, ${c.cameras.length} camera chọn riêng, tên "${text(c.title)}". Nội dung bạn sửa vẫn còn dưới đây.`,
            `${c.updatedBy} saved this preset (version ${c.version}, at ${clock(c.updatedAt)}) after you opened it: layout ${c.layout}, ${c.cameras.length} cameras chosen, title "${text(c.title)}". Your edits are still below.`,
          ),
          (() => {
            const over = h('button', { type: 'button', 'data-overwrite': '' }, t('Lưu đè', 'Overwrite'));
            over.addEventListener('click', () => {
              d.base = c.version;
              d.conflict = null;
              void this.save();
            });
            return over;
          })(),
        )
      : null;
    form.onsubmit = (e) => {
      e.preventDefault();
      void this.save();
    };
    form.replaceChildren(
      h('h3', {}, d.base > 0 ? t(`Sửa kịch bản ${d.id} (phiên bản ${d.base})`, `Edit preset ${d.id} (version ${d.base})`) : t('Kịch bản mới', 'New preset')),
      conflict ?? '',
      field(t('Mã (chữ thường, số, gạch nối)', 'Id (lower case, digits, hyphens)'), id),
      field(t('Tên', 'Title'), vi),
      field(t('Tên tiếng Anh', 'English title'), en),
      field(t('Bố cục', 'Layout'), layoutSelect),
      tiles.length ? h('fieldset', {}, h('legend', {}, t('Camera trên các ô', 'Cameras on the tiles')), ...cameraRows) : h('p', {}, t('Bố cục này không có ô camera.', 'This layout has no camera tiles.')),
      h('div', { class: 'actions' }, save, cancel),
    );
  }

  private async save(): Promise<void> {
    const d = this.draft;
    if (!d) return;
    const body = {
      title: d.titleEn.trim() ? { vi: d.titleVi.trim(), en: d.titleEn.trim() } : { vi: d.titleVi.trim() },
      layout: d.layout,
      cameras: [...d.cameras].map(([tile, source]) => ({ tile, source })),
      version: d.base,
    };
    try {
      const r = await this.api.json<{ preset: Preset }>('PUT', `/api/presets/${encodeURIComponent(d.id)}`, body);
      this.status(t(`Đã lưu kịch bản ${text(r.preset.title)} (phiên bản ${r.preset.version}).`, `Preset ${text(r.preset.title)} saved (version ${r.preset.version}).`));
      this.draft = null;
      await this.refresh();
    } catch (e) {
      const current = e instanceof ApiError && e.code === 'version-conflict' ? (e.body as { current?: Preset | null } | null)?.current ?? null : null;
      if (current) d.conflict = current;
      this.status(`${t('Chưa lưu được kịch bản', 'Preset not saved')}: ${message(e)}`);
      this.renderForm();
    }
  }
}
