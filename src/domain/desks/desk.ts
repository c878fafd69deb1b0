/** A pôle of the office (« pôle »): the team candidates write to or call about an exam. */
export interface Desk {
  code: string;
  name: string;
  phones: string[];
  email: string;
}
