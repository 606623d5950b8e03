import { screen, within } from '@testing-library/react';
import type { startWorkflow } from '../../data/workflow-harness';

type User = Awaited<ReturnType<typeof startWorkflow>>['user'];

/** The script wizard's region. */
export const wizard = () => within(screen.getByRole('region', { name: '回访话术' }));

/** Text of the step on screen. */
export const question = () => wizard().getAllByRole('heading', { level: 3 })[0].textContent ?? '';

/** From the queue: open the first case and dial (D); resolves once the script is on screen. */
export async function openAndDial(user: User): Promise<void> {
  await user.keyboard('{Enter}');
  await screen.findByRole('heading', { name: /^回访件/ });
  await user.keyboard('d');
  await screen.findByRole('region', { name: '回访话术' });
}

/** Answers every step with 是 (or acknowledges statements), collecting the questions shown. */
export async function answerAllYes(user: User): Promise<string[]> {
  const shown: string[] = [];
  for (let i = 0; i < 40 && !screen.queryByText(/话术已完成/); i++) {
    shown.push(question());
    const isQuestion = wizard().queryByRole('radiogroup', { name: '客户回答' }) !== null;
    await user.keyboard(isQuestion ? '1{Enter}' : '{Enter}');
  }
  return shown;
}
