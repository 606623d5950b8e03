import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PolicyFacts } from '../../../../renderer/features/case-view/policy-facts';
import { policy } from '../../data/test-db';

const row = (label: string) => screen.getByText(label).nextElementSibling?.textContent ?? screen.getByText(label).parentElement?.textContent ?? '';

describe('the case says why the script asks the 双录 questions when the list says 否 (可回溯办法 第6条)', () => {
  it('a policyholder of 60 or more: 双录 否 with the age rule named', () => {
    render(<PolicyFacts policy={policy({ policyholder: { birthDate: '1955-04-12' }, recordedSale: false })} revealed={false} />);
    expect(row('双录')).toContain('否（投保人 60 岁以上，按规定应双录，回访须询问双录事项）');
  });

  it('a younger policyholder on an agency sale: plain 否; a recorded sale: 是', () => {
    const { unmount } = render(<PolicyFacts policy={policy({ policyholder: { birthDate: '1985-07-01' }, recordedSale: false })} revealed={false} />);
    expect(row('双录')).toMatch(/否$/);
    unmount();
    render(<PolicyFacts policy={policy({ recordedSale: true })} revealed={false} />);
    expect(row('双录')).toMatch(/是$/);
  });
});
